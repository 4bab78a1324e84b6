using OrleansEval.Grains.Persistence;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// What a row grain persists beside its parts: the ingest-log entries whose rows its parts hold, and per kept day the
/// rows applied (the reservoir's row numbers go on from there after a restart) and the next part's number.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.RowState")]
public sealed class RowState
{
    [Id(0)] public Dictionary<string, AppliedLog> Applied { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<DateOnly, RowDay> Days { get; set; } = [];
}
