using System.Collections.Immutable;

namespace OrleansEval.Baselines;

/// <summary>The cut points a feature grain counts exactly for an active baseline, from the moment it learns them.</summary>
[GenerateSerializer]
[Alias("OrleansEval.BaselineBins")]
[Immutable]
public sealed record BaselineBins([property: Id(0)] string Name, [property: Id(1)] long Revision, [property: Id(2)] ImmutableArray<double> CutPoints)
{
    /// <summary>Key of the counters of this revision of the baseline.</summary>
    public string CounterKey => BaselineCounterKey.For(Name, Revision);

    /// <summary>True when <paramref name="counterKey"/> belongs to another revision of the same baseline.</summary>
    public bool Supersedes(string counterKey) =>
        counterKey != CounterKey && counterKey.StartsWith(BaselineCounterKey.PrefixOf(Name), StringComparison.Ordinal);
}
