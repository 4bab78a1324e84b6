namespace OrleansEval.Monitors;

/// <summary>What a monitor watches.</summary>
[GenerateSerializer]
[Alias("OrleansEval.MonitorKind")]
public enum MonitorKind
{
    /// <summary>A drift measure of a feature, all features, or the prediction, against a baseline.</summary>
    Drift = 0,

    /// <summary>A data-quality rate of a feature or all features: missing, out of the baseline's range, unseen categories, type errors.</summary>
    DataQuality = 1,

    /// <summary>A realised performance metric of a slice.</summary>
    Performance = 2,

    /// <summary>A label-free (CBPE) estimate of a performance metric of a slice.</summary>
    EstimatedPerformance = 3,

    /// <summary>The worst slices of the window's labelled rows: a slice entering the top K with a q-value within the bound.</summary>
    WorstSlices = 4,

    /// <summary>The records of a series in the window: too few (<c>minRecords</c>, records stopped) or too many (<c>maxRecords</c>).</summary>
    Volume = 5,
}
