using System.Collections.Immutable;

namespace OrleansEval.Baselines;

/// <summary>A named, frozen reference distribution of every column of a model.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Baseline")]
[Immutable]
public sealed record Baseline
{
    /// <summary>Baseline name, unique per model.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>Model revision at which it was frozen; a re-freeze under the same name gets a new revision.</summary>
    [Id(1)] public required long Revision { get; init; }

    /// <summary>What was frozen.</summary>
    [Id(2)] public required BaselineSpec Spec { get; init; }

    /// <summary>When it was frozen.</summary>
    [Id(3)] public required DateTimeOffset FrozenAt { get; init; }

    /// <summary>Number of reference records.</summary>
    [Id(4)] public required long RecordCount { get; init; }

    /// <summary>The frozen columns.</summary>
    [Id(5)] public required ImmutableArray<BaselineColumn> Columns { get; init; }

    /// <summary>
    /// Serialized calibration of the label-free performance estimate, fitted on the baseline's labelled predictions;
    /// empty when the baseline has no labelled binary predictions.
    /// </summary>
    [Id(6)] public ImmutableArray<byte> Calibration { get; init; } = [];

    /// <summary>Key under which feature grains keep exact counters for this baseline's bins.</summary>
    public string CounterKey => BaselineCounterKey.For(Name, Revision);

    /// <summary>The column of that name, if the baseline has it.</summary>
    public BaselineColumn? FindColumn(string column)
    {
        foreach (var c in Columns)
        {
            if (string.Equals(c.Column, column, StringComparison.Ordinal))
            {
                return c;
            }
        }

        return null;
    }
}
