using OrleansEval.Baselines;
using OrleansEval.Sketches.Categories;
using OrleansEval.Sketches.Moments;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Grains.Features;

/// <summary>Merges the buckets of a window into one summary; the receiving sketch's exact capacity decides how long the merge stays exact.</summary>
internal static class WindowMerge
{
    public static MergedNumeric MergeNumeric(IEnumerable<ColumnBucket> buckets, string? counterKey, int k, int exactCapacity)
    {
        var sketch = new KllSketch(k, exactCapacity);
        var moments = new RunningMoments();
        long missing = 0, typeErrors = 0;
        double[]? exact = null;
        var everyBucketCounted = counterKey is not null;
        foreach (var bucket in buckets.OfType<NumericBucket>())
        {
            sketch.Merge(bucket.Sketch);
            moments.Merge(bucket.Moments);
            missing += bucket.Missing;
            typeErrors += bucket.TypeErrors;
            if (!everyBucketCounted || bucket.Count == 0)
            {
                continue;
            }

            var counters = bucket.CountersFor(counterKey!);
            if (counters is null)
            {
                everyBucketCounted = false;
                continue;
            }

            exact ??= new double[counters.Length];
            for (var i = 0; i < counters.Length; i++)
            {
                exact[i] += counters[i];
            }
        }

        return new MergedNumeric(sketch, moments, missing, everyBucketCounted ? exact : null, typeErrors);
    }

    public static MergedCategorical MergeCategorical(IEnumerable<ColumnBucket> buckets, int categoryCap)
    {
        var counts = new CategoryCounts(categoryCap);
        long missing = 0, typeErrors = 0;
        foreach (var bucket in buckets.OfType<CategoricalBucket>())
        {
            counts.Merge(bucket.Counts);
            missing += bucket.Missing;
            typeErrors += bucket.TypeErrors;
        }

        return new MergedCategorical(counts, missing, typeErrors);
    }

    public static ColumnSummary Summarize(IEnumerable<ColumnBucket> buckets, int k, int exactCapacity, int categoryCap)
    {
        var list = buckets as IReadOnlyCollection<ColumnBucket> ?? buckets.ToList();
        if (list.FirstOrDefault() is CategoricalBucket)
        {
            var categorical = MergeCategorical(list, categoryCap);
            return new ColumnSummary(categorical.Counts.Count, categorical.Missing, [], [], [.. categorical.Counts.Serialize()]);
        }

        var numeric = MergeNumeric(list, null, k, exactCapacity);
        return list.Count == 0
            ? new ColumnSummary(0, 0, [], [], [])
            : new ColumnSummary(numeric.Sketch.Count, numeric.Missing, [.. numeric.Sketch.Serialize()], [.. numeric.Moments.Serialize()], []);
    }
}
