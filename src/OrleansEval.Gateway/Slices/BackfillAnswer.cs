namespace OrleansEval.Gateway.Slices;

/// <summary>
/// The documented shape of a named slice's backfill, which <see cref="BackfillJson"/> writes: its revision, its state
/// (<c>running</c>, <c>done</c> or <c>failed</c>), the rows read and counted, the instant it has counted through, and its error.
/// </summary>
internal sealed record BackfillAnswer(
    string Slice,
    long Revision,
    string State,
    long RowsCounted,
    long RowsRead,
    bool Sampled,
    DateTimeOffset? Through,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error);
