namespace OrleansEval.Client;

/// <summary>One event of a text/event-stream: its type ("message" when unnamed), its id if any, and its data.</summary>
internal sealed record ServerSentEvent(string Event, string? Id, string Data, int? Retry);
