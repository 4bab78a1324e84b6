using BenchmarkDotNet.Attributes;
using OrleansEval.Sketches.Categories;

namespace OrleansEval.Benchmarks;

/// <summary>Categorical counting of a category already held exactly.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class CategoryCountsBenchmarks
{
    private const int Categories = 50;

    private CategoryCounts _counts = null!;
    private string[] _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        var names = Enumerable.Range(0, Categories).Select(i => $"category-{i:D3}").ToArray();
        _counts = new CategoryCounts();
        foreach (var name in names)
        {
            _counts.Update(name, 1_000);
        }

        // Fresh string instances with the same content, as a deserialized request would carry.
        var random = new Random(21);
        _batch = new string[BenchmarkData.Batch];
        for (var i = 0; i < _batch.Length; i++)
        {
            _batch[i] = new string(names[random.Next(Categories)].AsSpan());
        }
    }

    /// <summary>One invocation counts <see cref="BenchmarkData.Batch"/> values; the table reports the time per value.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkData.Batch)]
    public void Update_KnownCategory_PerValue()
    {
        var counts = _counts;
        foreach (var category in _batch)
        {
            counts.Update(category);
        }
    }
}
