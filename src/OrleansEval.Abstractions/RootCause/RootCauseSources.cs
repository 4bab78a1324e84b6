namespace OrleansEval.RootCause;

/// <summary>Where a root cause's figures come from.</summary>
public static class RootCauseSources
{
    /// <summary>The kept rows of both sides, read through the row store.</summary>
    public const string Rows = "rows";

    /// <summary>The per-bin realised performance the slice grains keep for every active baseline's bins.</summary>
    public const string Bins = "bins";

    /// <summary>A baseline's side as counted from its rows in the background and kept, read without a row (a per-bin answer's <c>baseline.source</c>).</summary>
    public const string Kept = "kept";
}
