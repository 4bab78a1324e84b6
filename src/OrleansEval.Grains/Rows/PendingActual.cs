namespace OrleansEval.Grains.Rows;

/// <summary>A late actual (or correction) kept for its arrival day and not yet written.</summary>
internal readonly record struct PendingActual(string PredictionId, string? Label, double Value, DateTimeOffset Arrived);
