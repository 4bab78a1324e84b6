using System.Collections;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// A label-join shard's outbox entries, oldest first, with a count of each position among them, so that whether a batch's
/// entry is in the outbox — asked at every batch the shard applies — is a lookup, not a scan of an outbox that under
/// continuous ingest holds every batch of the last ticks.
/// </summary>
internal sealed class JoinOutboxEntries : IReadOnlyCollection<JoinOutboxEntry>
{
    private readonly List<JoinOutboxEntry> _entries;
    private readonly Dictionary<(string Log, long Sequence), int> _positions = [];

    public JoinOutboxEntries(IEnumerable<JoinOutboxEntry> entries)
    {
        _entries = [.. entries];
        foreach (var entry in _entries)
        {
            Tally(KeyOf(entry), 1);
        }
    }

    public int Count => _entries.Count;

    /// <summary>The position an entry is known by: its log and sequence through the shard.</summary>
    public static (string Log, long Sequence) KeyOf(JoinOutboxEntry entry) => (entry.Position.Log, entry.Position.Sequence);

    public void Add(JoinOutboxEntry entry)
    {
        _entries.Add(entry);
        Tally(KeyOf(entry), 1);
    }

    /// <summary>Removes the entries <paramref name="match"/> is true of, keeping the order of the rest.</summary>
    public void RemoveAll(Func<JoinOutboxEntry, bool> match) =>
        _entries.RemoveAll(entry =>
        {
            if (!match(entry))
            {
                return false;
            }

            Tally(KeyOf(entry), -1);
            return true;
        });

    /// <summary>Whether an entry at any of <paramref name="keys"/> is in the outbox.</summary>
    public bool HoldsAny(IEnumerable<(string Log, long Sequence)> keys) => keys.Any(_positions.ContainsKey);

    public IEnumerator<JoinOutboxEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Tally((string Log, long Sequence) key, int change)
    {
        var count = _positions.GetValueOrDefault(key) + change;
        if (count > 0)
        {
            _positions[key] = count;
        }
        else
        {
            _positions.Remove(key);
        }
    }
}
