using OrleansEval.WorstSlices;

namespace OrleansEval.GrainInterfaces;

/// <summary>Searches a model's kept rows for the slices where it does worst. A stateless worker.</summary>
[Alias("OrleansEval.ISliceSearchWorker")]
public interface ISliceSearchWorker : IGrainWithIntegerKey
{
    /// <summary>
    /// The worst slices of the labelled rows <paramref name="query"/> selects, or the field that makes it unanswerable.
    /// A caller that cancels stops the read and the search on the silo.
    /// </summary>
    [Alias("Search")]
    Task<WorstSliceAnswer> SearchAsync(string modelId, WorstSliceQuery query, CancellationToken cancellationToken = default);
}
