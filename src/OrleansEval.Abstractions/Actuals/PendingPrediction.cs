using System.Collections.Immutable;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Actuals;

/// <summary>
/// A prediction as the label join keeps it until its actual arrives (or to correct an actual that is replaced):
/// where it was counted (series, bucket, slices) and what it predicted; with its actual when the record carried one.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.PendingPrediction")]
[Immutable]
public sealed record PendingPrediction(
    [property: Id(0)] string PredictionId,
    [property: Id(1)] SeriesId Series,
    [property: Id(2)] long BucketStart,
    [property: Id(3)] ImmutableArray<SliceKey> Slices,
    [property: Id(4)] double Score,
    [property: Id(5)] string? Predicted,
    [property: Id(6)] double PredictedValue,
    [property: Id(7)] JoinActual? Actual);
