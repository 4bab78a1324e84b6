namespace OrleansEval.GrainInterfaces;

/// <summary>
/// Tells whether the silo's grain storage takes a read and a write now: a stateless worker (key 0), one per silo, so
/// each node probes its own storage client.
/// </summary>
[Alias("OrleansEval.IStorageProbeGrain")]
public interface IStorageProbeGrain : IGrainWithIntegerKey
{
    /// <summary>Reads and writes one small record; null when both succeeded in time, else why not.</summary>
    [Alias("Probe")]
    Task<string?> ProbeAsync();
}
