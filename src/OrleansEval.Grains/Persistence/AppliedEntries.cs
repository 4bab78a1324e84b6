using OrleansEval.Ingest;

namespace OrleansEval.Grains.Persistence;

/// <summary>
/// The ingest-log entries a grain applied, kept in its persisted state so that an entry fanned out again — a replay
/// after a crash, a client's retry — is applied once. Exact rather than bounded: an entry is remembered until its log
/// says (by a floor above it) that it can never be replayed, so memory is the log's untrimmed tail, not a guess.
/// </summary>
internal sealed class AppliedEntries(Dictionary<string, AppliedLog> persisted)
{
    // Entries added since the state was last stored: until it is written again the stored state does not hold them.
    private readonly HashSet<(string Log, long Sequence)> _unwritten = [];

    // Entries a write under way is storing: stored once it succeeds, unwritten again if it fails.
    private readonly HashSet<(string Log, long Sequence)> _writing = [];

    /// <summary>
    /// True when the entry at <paramref name="position"/> was applied (or lies below a floor); a batch without a
    /// position never was. Asked before the work, while <see cref="Add"/> comes after it, so that work which throws
    /// leaves the entry unrecorded and a replay applies it.
    /// </summary>
    public bool Holds(LogPosition? position) => position is not null && (position.Sequence < position.Floor || Contains(position));

    /// <summary>Remembers that the entry at <paramref name="position"/> was applied, once its work succeeded.</summary>
    public void Add(LogPosition? position)
    {
        if (position is null)
        {
            return;
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

        if (position.Sequence >= log.Floor)
        {
            log.Sequences.Add(position.Sequence);
            _unwritten.Add((position.Log, position.Sequence));
        }
    }

    /// <summary>Says that a write of the state holding every entry added so far has started; entries added from here are not in it.</summary>
    public void Writing()
    {
        _writing.UnionWith(_unwritten);
        _unwritten.Clear();
    }

    /// <summary>Says that the write started at the last <see cref="Writing"/> stored its entries.</summary>
    public void Written() => _writing.Clear();

    /// <summary>Says that the write started at the last <see cref="Writing"/> was refused: its entries are unwritten again.</summary>
    public void NotWritten()
    {
        _unwritten.UnionWith(_writing);
        _writing.Clear();
    }

    /// <summary>True when <paramref name="position"/> was applied (or lies below its log's floor).</summary>
    public bool Contains(LogPosition position) =>
        persisted.TryGetValue(position.Log, out var log) && (position.Sequence < log.Floor || log.Sequences.Contains(position.Sequence));

    /// <summary>True when every one of <paramref name="positions"/> was applied.</summary>
    public bool ContainsAll(IEnumerable<LogPosition> positions) => positions.All(Contains);

    /// <summary>
    /// True when <paramref name="positions"/> name entries and the stored state already holds every one of them (each
    /// was applied and written since), so that a checkpoint asking for them needs no write. An empty list is a request
    /// to write what is pending: never true.
    /// </summary>
    public bool StoredAll(IReadOnlyCollection<LogPosition> positions) => positions.Count > 0 && positions.All(p => StorageOf(p) == EntryStorage.Stored);

    /// <summary>Whether the stored state holds <paramref name="position"/>, only this activation does, or neither.</summary>
    public EntryStorage StorageOf(LogPosition position)
    {
        if (position.Sequence < position.Floor)
        {
            return EntryStorage.Stored;
        }

        if (!Contains(position))
        {
            return EntryStorage.Missing;
        }

        return _unwritten.Contains((position.Log, position.Sequence)) || _writing.Contains((position.Log, position.Sequence))
            ? EntryStorage.Pending
            : EntryStorage.Stored;
    }
}
