namespace OrleansEval.Gateway.Queries;

/// <summary>The window an answer covers, as the documented shape of its <c>window</c> object: UTC instants, from inclusive, to exclusive.</summary>
internal sealed record WindowAnswer(DateTimeOffset From, DateTimeOffset To);
