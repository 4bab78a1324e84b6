namespace OrleansEval.Grains.Health;

/// <summary>The record the storage probe reads and writes: when it last wrote it.</summary>
[GenerateSerializer]
[Alias("OrleansEval.ProbeRecord")]
internal sealed class ProbeRecord
{
    [Id(0)]
    public DateTimeOffset Written { get; set; }
}
