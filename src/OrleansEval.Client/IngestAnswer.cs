namespace OrleansEval.Client;

/// <summary>How many records the store kept, and which it rejected and why.</summary>
/// <param name="Accepted">Records kept.</param>
/// <param name="Rejected">Records rejected, each with its index and reason.</param>
public sealed record IngestAnswer(int Accepted, IReadOnlyList<Rejection> Rejected);
