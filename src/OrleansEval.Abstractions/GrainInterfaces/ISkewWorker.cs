using OrleansEval.Skew;

namespace OrleansEval.GrainInterfaces;

/// <summary>Compares the rows two series kept for the same prediction ids, feature by feature.</summary>
[Alias("OrleansEval.ISkewWorker")]
public interface ISkewWorker : IGrainWithIntegerKey
{
    /// <summary>Answers <paramref name="query"/> for <paramref name="modelId"/>; cancelling stops the reads of rows.</summary>
    Task<SkewAnswer> CheckAsync(string modelId, SkewQuery query, CancellationToken cancellationToken = default);
}
