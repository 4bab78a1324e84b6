namespace OrleansEval.Grains.Ingest;

/// <summary>What a validated row predicted and, if known, what was true. NaN and null mark what the record lacked.</summary>
internal readonly record struct PredictionAndActual(double Score, string? Predicted, double PredictedValue, string? ActualLabel, double ActualValue)
{
    public bool HasPrediction => Predicted is not null || !double.IsNaN(PredictedValue);

    public bool HasActual => ActualLabel is not null || !double.IsNaN(ActualValue);
}
