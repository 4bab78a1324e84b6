using OrleansEval.Compare;

namespace OrleansEval.GrainInterfaces;

/// <summary>Compares model versions on the predictions they all scored, from the kept rows.</summary>
[Alias("OrleansEval.IComparisonWorker")]
public interface IComparisonWorker : IGrainWithIntegerKey
{
    /// <summary>Answers <paramref name="query"/> for <paramref name="modelId"/>; cancelling stops the read of rows.</summary>
    Task<ComparisonAnswer> CompareAsync(string modelId, ComparisonQuery query, CancellationToken cancellationToken = default);
}
