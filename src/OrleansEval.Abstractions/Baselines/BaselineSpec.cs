using System.Collections.Immutable;

namespace OrleansEval.Baselines;

/// <summary>
/// What to freeze as a baseline: the records of a version in an environment, optionally within [From, To), cut into
/// <see cref="Bins"/> quantile bins unless explicit cut points are given for a feature.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.BaselineSpec")]
[Immutable]
public sealed record BaselineSpec
{
    /// <summary>Model version whose records form the baseline.</summary>
    [Id(0)] public required string Version { get; init; }

    /// <summary>Environment whose records form the baseline (typically training).</summary>
    [Id(1)] public required string Environment { get; init; }

    /// <summary>Start of the event-time window (inclusive), or null for all time.</summary>
    [Id(2)] public DateTimeOffset? From { get; init; }

    /// <summary>End of the event-time window (exclusive), or null for all time.</summary>
    [Id(3)] public DateTimeOffset? To { get; init; }

    /// <summary>Number of quantile bins for numeric columns without explicit edges (2–100, default 10).</summary>
    [Id(4)] public int Bins { get; init; } = 10;

    /// <summary>Explicit cut points per numeric column name.</summary>
    [Id(5)] public ImmutableDictionary<string, ImmutableArray<double>> Edges { get; init; } =
        ImmutableDictionary<string, ImmutableArray<double>>.Empty;
}
