namespace OrleansEval.Client;

/// <summary>
/// How late actuals were taken: how many were accepted, which were rejected, and which matched no prediction yet (the
/// store holds those and joins them when the prediction arrives).
/// </summary>
/// <param name="Accepted">Actuals taken.</param>
/// <param name="Rejected">Actuals rejected, each with its index and reason.</param>
/// <param name="Unmatched">Indexes and prediction ids of the actuals held for a prediction that has not arrived.</param>
public sealed record ActualsAnswer(int Accepted, IReadOnlyList<Rejection> Rejected, IReadOnlyList<(int Index, string PredictionId)> Unmatched);
