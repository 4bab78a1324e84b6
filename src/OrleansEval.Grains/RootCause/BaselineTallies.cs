namespace OrleansEval.Grains.RootCause;

/// <summary>
/// The baseline sides a worker activation counted from rows, each kept with the stamp of its series' state when it was
/// counted, so that a root cause from per-bin state reads the baseline's rows once rather than on every question: a
/// stamp that moved (a row or an actual reached the baseline's series since) counts them again. At most
/// <paramref name="capacity"/> are kept, the oldest dropped first.
/// </summary>
internal sealed class BaselineTallies(int capacity)
{
    private readonly Dictionary<string, (string Stamp, RootCauseTally Tally)> _tallies = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>The tally kept under <paramref name="key"/> with <paramref name="stamp"/>, or the one <paramref name="count"/> makes, then kept.</summary>
    public async Task<RootCauseTally> GetAsync(string key, string stamp, Func<Task<RootCauseTally>> count)
    {
        ArgumentNullException.ThrowIfNull(count);
        if (_tallies.TryGetValue(key, out var kept) && string.Equals(kept.Stamp, stamp, StringComparison.Ordinal))
        {
            return kept.Tally;
        }

        var tally = await count();
        if (!_tallies.ContainsKey(key))
        {
            _order.Enqueue(key);
            if (_order.Count > capacity)
            {
                _tallies.Remove(_order.Dequeue());
            }
        }

        _tallies[key] = (stamp, tally);
        return tally;
    }
}
