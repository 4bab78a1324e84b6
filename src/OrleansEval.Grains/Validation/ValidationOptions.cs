namespace OrleansEval.Grains.Validation;

/// <summary>
/// The rules of a validation's verdict, each a setting. Bound from the "OrleansEval:Validation" section; a validation
/// fails when any enabled rule fails.
/// </summary>
public sealed class ValidationOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "OrleansEval:Validation";

    /// <summary>A difference counts as significant below this Benjamini–Hochberg q-value.</summary>
    public double MaxQValue { get; set; } = 0.05;

    /// <summary>Fail when no labelled prediction id of the window was scored by both series: nothing shows the candidate is not worse.</summary>
    public bool FailWithoutPairedRows { get; set; } = true;

    /// <summary>Fail when the candidate is significantly worse than the reference on the whole paired set.</summary>
    public bool FailWhenWorseOverall { get; set; } = true;

    /// <summary>Fail when the candidate is significantly worse on any slice of at least the minimum slice size.</summary>
    public bool FailWhenWorseOnSlice { get; set; } = true;

    /// <summary>Fail when more than this many features of the candidate's inputs drifted against production; negative turns the rule off.</summary>
    public int MaxDriftedFeatures { get; set; }

    /// <summary>The problems of these settings, each naming its setting; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate() =>
        MaxQValue is > 0 and < 1 ? [] : [$"{SectionName}:{nameof(MaxQValue)} must be in (0, 1)"];
}
