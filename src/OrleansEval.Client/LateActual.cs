namespace OrleansEval.Client;

/// <summary>A truth that arrives after its prediction, joined to it by <paramref name="PredictionId"/>.</summary>
/// <param name="PredictionId">The id the prediction was sent with.</param>
/// <param name="Actual">The truth.</param>
/// <param name="Timestamp">When the truth became known; optional.</param>
public sealed record LateActual(string PredictionId, Actual Actual, DateTimeOffset? Timestamp = null);
