using Orleans.Storage;
using OrleansEval.Grains.Persistence;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// Where a label-join shard stores its outbox: append-only chunks, each the entries added between two writes that were
/// still unconfirmed when it was written, numbered in order and each written once, into a ring of slots
/// (<c>join-outbox-&lt;k&gt;</c>). The shard's record names the floor: the lowest chunk that held an unconfirmed entry
/// when it was written. A slot whose chunk is below the stored floor is free for a later chunk; slots are never deleted,
/// so activation reads them from the first until one is missing and keeps the chunks from the floor on. So an outcome is
/// written to storage once, however long its families take to confirm it (docs/architecture.md, "The join's outbox").
/// </summary>
internal sealed class JoinOutboxChunks
{
    // The slots stored, by number, each with its version tag and the number of the chunk it holds (its entries are not
    // kept once written: they are the shard's outbox).
    private readonly List<GrainState<JoinOutboxRecord>> _slots = [];

    // The chunks from the stored floor on, by number: their slot and the positions of their entries.
    private readonly SortedDictionary<int, (int Slot, List<(string Log, long Sequence)> Positions)> _live = [];

    // Entries added since the last chunk was written, in order.
    private readonly List<JoinOutboxEntry> _unwritten = [];

    // A chunk whose write failed: written again, under the same number into the same slot, with the entries added since.
    private (int Number, int Slot)? _retry;

    private int _storedFloor;
    private int _next;

    /// <summary>
    /// Reads every slot and returns the store with the entries of the chunks from <paramref name="floor"/> on, oldest
    /// chunk first; an entry stored twice (a chunk written again after a write reported failed) is returned once.
    /// </summary>
    public static async Task<(JoinOutboxChunks Chunks, List<JoinOutboxEntry> Entries)> ReadAsync(IGrainStorage storage, GrainId grain, int floor)
    {
        var chunks = new JoinOutboxChunks { _storedFloor = floor, _next = floor };
        var found = new SortedDictionary<int, List<JoinOutboxEntry>>();
        for (var k = 0; ; k++)
        {
            var record = new GrainState<JoinOutboxRecord>();
            await storage.ReadStateAsync(Name(k), grain, record);
            if (record is not { RecordExists: true, State: { } chunk })
            {
                break;
            }

            chunks._slots.Add(record);
            record.State = new JoinOutboxRecord { Number = chunk.Number };
            if (chunk.Number >= floor)
            {
                chunks._live[chunk.Number] = (k, [.. chunk.Entries.Select(e => (e.Position.Log, e.Position.Sequence))]);
                found[chunk.Number] = chunk.Entries;
                chunks._next = Math.Max(chunks._next, chunk.Number + 1);
            }
        }

        var seen = new HashSet<(string, long)>();
        return (chunks, [.. found.Values.SelectMany(e => e).Where(e => seen.Add((e.Position.Log, e.Position.Sequence)))]);
    }

    /// <summary>Notes an entry added to the outbox: the next <see cref="WriteAsync"/> stores it unless confirmed by then.</summary>
    public void Added(JoinOutboxEntry entry) => _unwritten.Add(entry);

    /// <summary>
    /// Writes the entries added since the last write that are still <paramref name="waiting"/> as the next chunk (none
    /// when there are none). Throws what the store threw; the entries are then written by the next call.
    /// </summary>
    public async Task WriteAsync(IGrainStorage storage, GrainId grain, GrainWrites writes, IReadOnlySet<(string Log, long Sequence)> waiting)
    {
        _unwritten.RemoveAll(e => !waiting.Contains((e.Position.Log, e.Position.Sequence)));
        if (_unwritten.Count == 0)
        {
            return;
        }

        var (number, slot) = _retry ?? (_next++, FreeSlot());
        _retry = (number, slot);
        if (slot == _slots.Count)
        {
            _slots.Add(new GrainState<JoinOutboxRecord>());
        }

        var record = _slots[slot];
        record.State = new JoinOutboxRecord { Number = number, Entries = [.. _unwritten] };
        try
        {
            await writes.WriteAsync(storage, Name(slot), grain, record);
        }
        finally
        {
            // Only the version tag and the number are kept: the entries are the outbox's.
            record.State = new JoinOutboxRecord { Number = number };
        }

        _live[number] = (slot, [.. _unwritten.Select(e => (e.Position.Log, e.Position.Sequence))]);
        _unwritten.Clear();
        _retry = null;
    }

    /// <summary>The floor for the shard's next record: the lowest chunk holding a <paramref name="waiting"/> entry, else the next number.</summary>
    public int Floor(IReadOnlySet<(string Log, long Sequence)> waiting)
    {
        foreach (var (number, chunk) in _live)
        {
            if (chunk.Positions.Exists(waiting.Contains))
            {
                return number;
            }
        }

        return _retry?.Number ?? _next;
    }

    /// <summary>Notes that the shard's record with <paramref name="floor"/> was stored: the slots of the chunks below it are free.</summary>
    public void Stored(int floor)
    {
        _storedFloor = floor;
        foreach (var number in _live.Keys.TakeWhile(n => n < floor).ToList())
        {
            _live.Remove(number);
        }
    }

    // The lowest slot whose chunk is below the stored floor, else a new slot after the last.
    private int FreeSlot()
    {
        for (var k = 0; k < _slots.Count; k++)
        {
            if (_slots[k].State!.Number < _storedFloor && _retry?.Slot != k)
            {
                return k;
            }
        }

        return _slots.Count;
    }

    private static string Name(int slot) => $"join-outbox-{slot}";
}
