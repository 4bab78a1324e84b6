using OrleansEval.Drift;

namespace OrleansEval.Grains;

/// <summary>Answers read questions by fanning out to column grains in parallel. A stateless worker.</summary>
[Alias("OrleansEval.IQueryWorker")]
public interface IQueryWorker : IGrainWithIntegerKey
{
    /// <summary>The drift of every column of a model in a window against a baseline.</summary>
    [Alias("GetDrift")]
    Task<DriftAnswer> GetDriftAsync(string modelId, DriftQuery query);
}
