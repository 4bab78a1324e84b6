namespace OrleansEval.Gateway.Examples;

/// <summary>The documented shape of the last NDJSON line of the examples answer: how many rows were answered, and whether they were a sample.</summary>
internal sealed record ExampleSummaryLine(long Rows, bool Sampled);
