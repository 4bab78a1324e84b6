namespace OrleansEval.Grains.RootCause;

/// <summary>
/// The baseline sides the silo's root-cause workers counted from rows, each kept with the revision of its series' slice
/// state when it was counted, so that a root cause from per-bin state reads the baseline's rows once rather than on every
/// question: a revision that moved (a record or an actual reached the baseline's series since) counts them again. One
/// per silo, shared by the workers' activations; at most <see cref="Capacity"/> are kept, the oldest dropped first.
/// </summary>
internal sealed class BaselineTallies
{
    /// <summary>How many baseline sides are kept.</summary>
    public const int Capacity = 16;

    private readonly Dictionary<string, (string Stamp, RootCauseTally Tally)> _tallies = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>
    /// The tally kept under <paramref name="key"/> with <paramref name="stamp"/>, or the one <paramref name="count"/> makes,
    /// then kept. Kept tallies are never changed: a reader copies one before counting on it.
    /// </summary>
    public async Task<RootCauseTally> GetAsync(string key, string stamp, Func<Task<RootCauseTally>> count)
    {
        ArgumentNullException.ThrowIfNull(count);
        lock (_lock)
        {
            if (_tallies.TryGetValue(key, out var kept) && string.Equals(kept.Stamp, stamp, StringComparison.Ordinal))
            {
                return kept.Tally;
            }
        }

        var tally = await count();
        lock (_lock)
        {
            if (!_tallies.ContainsKey(key))
            {
                _order.Enqueue(key);
                if (_order.Count > Capacity)
                {
                    _tallies.Remove(_order.Dequeue());
                }
            }

            _tallies[key] = (stamp, tally);
        }

        return tally;
    }
}
