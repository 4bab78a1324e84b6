namespace OrleansEval.Gateway.Compare;

/// <summary>A comparison's fields as the request sent them, unchecked.</summary>
internal sealed record CompareFields(
    string ModelId, string? Versions, string? From, string? To, string? Metric, string? Baseline, string? MinSize, string? Slices = null);
