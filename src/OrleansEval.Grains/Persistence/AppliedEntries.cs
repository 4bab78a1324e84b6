using OrleansEval.Ingest;

namespace OrleansEval.Grains.Persistence;

/// <summary>
/// The ingest-log entries a grain applied, kept in its persisted state so that an entry fanned out again — a replay
/// after a crash, a client's retry — is applied once. Exact rather than bounded: an entry is remembered until its log
/// says (by a floor above it) that it can never be replayed, so memory is the log's untrimmed tail, not a guess.
/// </summary>
internal sealed class AppliedEntries(Dictionary<string, AppliedLog> persisted)
{
    /// <summary>Remembers <paramref name="position"/>; false when it was already applied. A batch without a position is always taken.</summary>
    public bool TryAdd(LogPosition? position)
    {
        if (position is null)
        {
            return true;
        }

        if (!persisted.TryGetValue(position.Log, out var log))
        {
            log = new AppliedLog();
            persisted.Add(position.Log, log);
        }

        if (position.Floor > log.Floor)
        {
            log.Floor = position.Floor;
            log.Sequences.RemoveWhere(s => s < position.Floor);
        }

        return position.Sequence >= log.Floor && log.Sequences.Add(position.Sequence);
    }

    /// <summary>True when <paramref name="position"/> was applied (or lies below its log's floor).</summary>
    public bool Contains(LogPosition position) =>
        persisted.TryGetValue(position.Log, out var log) && (position.Sequence < log.Floor || log.Sequences.Contains(position.Sequence));

    /// <summary>True when every one of <paramref name="positions"/> was applied.</summary>
    public bool ContainsAll(IEnumerable<LogPosition> positions) => positions.All(Contains);
}
