using OrleansEval.Sketches.Binning;
using OrleansEval.Sketches.Moments;
using OrleansEval.Sketches.Quantiles;
using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Grains.Features;

/// <summary>
/// A numeric column's bucket: moments, a KLL sketch, the missing count, and exact counts on the bins of every baseline
/// that was active when the bucket received its first record.
/// </summary>
/// <remarks>
/// Invariant: a bucket has counters for a baseline only if that baseline was active before the bucket's first record,
/// so its counters always cover every value in the bucket. A bucket that predates a baseline is answered from its
/// sketch instead.
/// </remarks>
internal sealed class NumericBucket : ColumnBucket
{
    /// <summary>First byte of the untagged format written before buckets had a type tag; its second byte is 1.</summary>
    public const byte UntaggedTag = 1;

    private const string TypeName = "numeric bucket";

    private readonly Dictionary<string, long[]> _counters;

    private NumericBucket(RunningMoments moments, KllSketch sketch, long missing, Dictionary<string, long[]> counters)
    {
        Moments = moments;
        Sketch = sketch;
        Missing = missing;
        _counters = counters;
    }

    public static NumericBucket Create(ColumnSettings settings, IReadOnlyDictionary<string, BinEdges> activeBaselines, int exactCapacity)
    {
        var counters = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (key, edges) in activeBaselines)
        {
            counters[key] = new long[edges.BinCount];
        }

        return new NumericBucket(new RunningMoments(), new KllSketch(settings.QuantileK, exactCapacity), 0, counters);
    }

    /// <summary>
    /// One bucket holding everything <paramref name="parts"/> hold, merged in order into a sketch that keeps up to
    /// <paramref name="exactCapacity"/> values exactly. It keeps a baseline's counters only when every part with values
    /// kept them, so that they still cover every value (the invariant above).
    /// </summary>
    public static NumericBucket Combine(IReadOnlyList<NumericBucket> parts, ColumnSettings settings, int exactCapacity)
    {
        var withValues = parts.Where(p => p.Count > 0).ToList();
        var covering = withValues.Count > 0 ? withValues : parts;
        var counters = covering[0]._counters
            .Where(c => covering.All(p => p._counters.ContainsKey(c.Key)))
            .ToDictionary(c => c.Key, c => new long[c.Value.Length], StringComparer.Ordinal);
        var combined = new NumericBucket(new RunningMoments(), new KllSketch(settings.QuantileK, exactCapacity), 0, counters);
        foreach (var part in parts)
        {
            combined.Moments.Merge(part.Moments);
            combined.Sketch.Merge(part.Sketch);
            combined.Missing += part.Missing;
            combined.TypeErrors += part.TypeErrors;
            foreach (var (key, counts) in counters)
            {
                if (part._counters.TryGetValue(key, out var partCounts))
                {
                    for (var i = 0; i < counts.Length; i++)
                    {
                        counts[i] += partCounts[i];
                    }
                }
            }
        }

        return combined;
    }

    public RunningMoments Moments { get; }

    public KllSketch Sketch { get; }

    public override long Count => Sketch.Count;

    /// <summary>Exact counts on a baseline's bins, if this bucket kept them.</summary>
    public long[]? CountersFor(string counterKey) => _counters.GetValueOrDefault(counterKey);

    /// <summary>The exact counts on each baseline's bins, by the baseline's counter key; the bucket's own, not a copy.</summary>
    public IReadOnlyDictionary<string, long[]> Counters => _counters;

    public void Add(double value, IReadOnlyDictionary<string, BinEdges> activeBaselines)
    {
        if (double.IsNaN(value))
        {
            Missing++;
            return;
        }

        Moments.Update(value);
        Sketch.Update(value);
        foreach (var (key, counts) in _counters)
        {
            if (activeBaselines.TryGetValue(key, out var edges))
            {
                counts[edges.BinOf(value)]++;
            }
        }
    }

    /// <summary>
    /// Layout after the header (<see cref="SketchKind.NumericBucket"/>, version 1): missing and type-error counts (int64
    /// each), the moments and the sketch as blocks, the number of baselines counted (int32) and each as its key (UTF-8),
    /// its number of bins (int32) and the counts (int64 each), in ordinal order of key.
    /// </summary>
    public override byte[] Serialize()
    {
        var writer = StartWriting(SketchKind.NumericBucket, 256);
        writer.WriteBlock(Moments.Serialize());
        writer.WriteBlock(Sketch.Serialize());
        writer.WriteInt32(_counters.Count);
        foreach (var (key, counts) in _counters.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            writer.WriteUtf8String(key);
            writer.WriteInt32(counts.Length);
            foreach (var count in counts)
            {
                writer.WriteInt64(count);
            }
        }

        return writer.ToArray();
    }

    /// <summary>Reads the bytes of <see cref="Serialize"/>, or of the untagged format that preceded it (the same layout).</summary>
    public static NumericBucket Read(ReadOnlySpan<byte> bytes)
    {
        var reader = StartReading(bytes, SketchKind.NumericBucket, UntaggedTag, TypeName);
        var missing = reader.ReadInt64();
        var typeErrors = reader.ReadInt64();
        var moments = RunningMoments.Deserialize(reader.ReadBlock());
        var sketch = KllSketch.Deserialize(reader.ReadBlock());
        var counterCount = reader.ReadInt32Length(reader.Remaining, "a baseline count");
        var counters = new Dictionary<string, long[]>(counterCount, StringComparer.Ordinal);
        for (var i = 0; i < counterCount; i++)
        {
            var key = reader.ReadUtf8String();
            var counts = new long[reader.ReadInt32Length(reader.Remaining / sizeof(long), "a bin count")];
            for (var j = 0; j < counts.Length; j++)
            {
                counts[j] = reader.ReadInt64();
            }

            counters[key] = counts;
        }

        reader.EnsureEnd();
        return new NumericBucket(moments, sketch, missing, counters) { TypeErrors = typeErrors };
    }
}
