using System.Collections.Immutable;

namespace OrleansEval.Alerts;

/// <summary>
/// A monitor's state change for one target, with its evidence. <see cref="Sequence"/> orders every alert of the
/// cluster and is the id a stream consumer resumes from.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Alert")]
[Immutable]
public sealed record Alert
{
    [Id(0)] public long Sequence { get; init; }
    [Id(1)] public required string ModelId { get; init; }
    [Id(2)] public required string Monitor { get; init; }
    [Id(3)] public required string Kind { get; init; }
    [Id(4)] public required string Target { get; init; }
    [Id(5)] public required AlertState State { get; init; }
    [Id(6)] public required string Measure { get; init; }
    [Id(7)] public double? Value { get; init; }
    [Id(8)] public double Threshold { get; init; }
    [Id(9)] public required string Direction { get; init; }
    [Id(10)] public DateTimeOffset WindowFrom { get; init; }
    [Id(11)] public DateTimeOffset WindowTo { get; init; }
    [Id(12)] public long Count { get; init; }
    [Id(13)] public DateTimeOffset At { get; init; }
    [Id(14)] public ImmutableArray<AlertBin> Bins { get; init; } = [];
    [Id(15)] public string? Baseline { get; init; }
}
