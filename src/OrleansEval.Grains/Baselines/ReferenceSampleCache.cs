using System.Collections.Concurrent;
using OrleansEval.Baselines;

namespace OrleansEval.Grains.Baselines;

/// <summary>
/// The reference samples of frozen baseline columns, read once per silo and shared by every column grain that answers
/// drift against them. A frozen baseline never changes, so its sorted view is the same for every answer; entries are
/// keyed by model, counter key (the baseline's name and revision, so a new freeze is a new entry) and column, and a hit
/// is checked against the sketch's bytes, so an answer never uses a view of other bytes. Bounded by the values held:
/// past <see cref="MaxRetainedValues"/> the cache starts over.
/// </summary>
internal sealed class ReferenceSampleCache
{
    /// <summary>Values held over all entries before the cache starts over: 64 MiB of values and cumulative weights.</summary>
    public const long MaxRetainedValues = 4L << 20;

    private readonly ConcurrentDictionary<(string ModelId, string CounterKey, string Column), ReferenceSample> _entries = new();
    private long _retained;

    /// <summary>The sample of <paramref name="reference"/>, a column of the baseline revision <paramref name="counterKey"/> of model <paramref name="modelId"/>.</summary>
    public ReferenceSample For(string modelId, string counterKey, BaselineColumn reference)
    {
        var key = (modelId, counterKey, reference.Column);
        if (_entries.TryGetValue(key, out var cached) && cached.Bytes.AsSpan().SequenceEqual(reference.Sketch.AsSpan()))
        {
            return cached;
        }

        var sample = ReferenceSample.Read(reference.Sketch);
        if (Interlocked.Add(ref _retained, sample.View.Length) > MaxRetainedValues)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _retained, sample.View.Length);
        }

        _entries[key] = sample;
        return sample;
    }
}
