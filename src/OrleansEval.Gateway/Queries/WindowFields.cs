namespace OrleansEval.Gateway.Queries;

/// <summary>The series and window fields of a read as the request carried them, unchecked; null where it named none.</summary>
internal sealed record WindowFields(string? Version, string? Environment, string? From, string? To);
