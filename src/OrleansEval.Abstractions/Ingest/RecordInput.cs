using System.Collections.Immutable;

namespace OrleansEval.Ingest;

/// <summary>
/// One prediction record, parsed from the client's JSON but not yet checked against the model's schema.
/// <see cref="Index"/> is its position in the request, so a rejection can point at it.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.RecordInput")]
[Immutable]
public sealed record RecordInput
{
    /// <summary>Position of the record in the request, from 0.</summary>
    [Id(0)] public required int Index { get; init; }

    /// <summary>The client's id for the prediction, used to join actuals later.</summary>
    [Id(1)] public required string PredictionId { get; init; }

    /// <summary>Event time of the prediction (UTC).</summary>
    [Id(2)] public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Model version; the default version when absent.</summary>
    [Id(3)] public string? Version { get; init; }

    /// <summary>Environment; production when absent.</summary>
    [Id(4)] public string? Environment { get; init; }

    /// <summary>Feature values by name.</summary>
    [Id(5)] public ImmutableDictionary<string, FeatureValue> Features { get; init; } = ImmutableDictionary<string, FeatureValue>.Empty;

    /// <summary>Tag values by name.</summary>
    [Id(6)] public ImmutableDictionary<string, FeatureValue> Tags { get; init; } = ImmutableDictionary<string, FeatureValue>.Empty;

    /// <summary>The prediction, if the record has one.</summary>
    [Id(7)] public PredictionInput? Prediction { get; init; }

    /// <summary>The ground truth, if it is already known.</summary>
    [Id(8)] public ActualInput? Actual { get; init; }
}
