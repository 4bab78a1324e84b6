namespace OrleansEval.Gateway.Skew;

/// <summary>A skew check's fields as the request sent them, unchecked.</summary>
internal sealed record SkewFields(
    string ModelId, string? Reference, string? Current, string? Version, string? From, string? To, string? ReferenceFrom, string? ReferenceTo, string? Tolerance);
