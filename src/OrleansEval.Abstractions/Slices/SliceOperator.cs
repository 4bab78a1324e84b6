namespace OrleansEval.Slices;

/// <summary>How a slice condition tests a column.</summary>
[GenerateSerializer]
[Alias("OrleansEval.SliceOperator")]
public enum SliceOperator
{
    /// <summary>The column's category equals the value.</summary>
    Equals = 0,

    /// <summary>The column's category differs from the value (a missing value matches).</summary>
    NotEquals = 1,

    /// <summary>The column's number lies in [Lower, Upper).</summary>
    InRange = 2,
}
