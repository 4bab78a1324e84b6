using OrleansEval.RootCause;

namespace OrleansEval.GrainInterfaces;

/// <summary>Explains a metric's change by the features whose distribution or performance moved it. A stateless worker.</summary>
[Alias("OrleansEval.IRootCauseWorker")]
public interface IRootCauseWorker : IGrainWithIntegerKey
{
    /// <summary>
    /// The contribution of every feature of <paramref name="modelId"/> to the change of the metric <paramref name="query"/>
    /// asks for, or the field that makes it unanswerable. A caller that cancels stops the read on the silo.
    /// </summary>
    [Alias("RootCause")]
    Task<RootCauseAnswer> RootCauseAsync(string modelId, RootCauseQuery query, CancellationToken cancellationToken = default);
}
