using System.Collections.Immutable;

namespace OrleansEval.Performance;

/// <summary>Metrics of one slice in one window, by name (accuracy, precision, rocAuc, mae, …), ordered as the API lists them.</summary>
[GenerateSerializer]
[Alias("OrleansEval.MetricSet")]
[Immutable]
public sealed record MetricSet([property: Id(0)] ImmutableArray<KeyValuePair<string, MetricValue>> Metrics)
{
    /// <summary>No metrics.</summary>
    public static MetricSet Empty { get; } = new([]);

    /// <summary>The metric of that name, or null.</summary>
    public MetricValue? this[string name] => Metrics.FirstOrDefault(m => m.Key == name).Value;
}
