using OrleansEval.Actuals;
using OrleansEval.Models;

namespace OrleansEval.Grains.Actuals;

/// <summary>What a label-join shard persists: predictions kept for their actuals, actuals held for their predictions.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.JoinState")]
public sealed class JoinState
{
    [Id(0)] public Dictionary<string, JoinEntry> Predictions { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, HeldActual> Held { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public List<string> RecentBatches { get; set; } = [];

    [Id(3)] public ModelTask Task { get; set; }

    [Id(4)] public string PositiveLabel { get; set; } = "1";
}

/// <summary>A kept prediction, the actual counted for it (if any), and when the shard forgets it.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.JoinEntry")]
public sealed class JoinEntry
{
    [Id(0)] public required PendingPrediction Prediction { get; set; }

    [Id(1)] public JoinActual? Actual { get; set; }

    [Id(2)] public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>An actual that arrived before its prediction, and when the shard forgets it.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.HeldActual")]
public sealed class HeldActual
{
    [Id(0)] public required JoinActual Actual { get; set; }

    [Id(1)] public DateTimeOffset ExpiresAt { get; set; }
}
