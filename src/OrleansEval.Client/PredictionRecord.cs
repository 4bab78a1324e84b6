namespace OrleansEval.Client;

/// <summary>
/// One prediction as the store takes it: its id (to join a late actual), its event time, the series it belongs to, the
/// model's inputs and tags, and what the model predicted — with the truth, when it is already known.
/// </summary>
public sealed record PredictionRecord
{
    /// <summary>The caller's id of the prediction; a late actual names it.</summary>
    public required string PredictionId { get; init; }

    /// <summary>When the prediction was made.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Model version; "default" when null.</summary>
    public string? Version { get; init; }

    /// <summary>training, validation, production (when null) or shadow.</summary>
    public string? Environment { get; init; }

    /// <summary>Feature values by name: strings, booleans or numbers; null is a missing value.</summary>
    public IReadOnlyDictionary<string, object?> Features { get; init; } = new Dictionary<string, object?>();

    /// <summary>Tag values by name, as for <see cref="Features"/>.</summary>
    public IReadOnlyDictionary<string, object?> Tags { get; init; } = new Dictionary<string, object?>();

    /// <summary>What the model predicted.</summary>
    public Prediction? Prediction { get; init; }

    /// <summary>The truth, when the record already knows it.</summary>
    public Actual? Actual { get; init; }
}
