namespace OrleansEval.Gateway.Slices;

/// <summary>The documented shape of how many baseline rows a slice listing read, and whether they were a sample.</summary>
internal sealed record BaselineRowsAnswer(long Rows, bool Sampled);
