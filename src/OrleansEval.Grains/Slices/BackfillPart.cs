using System.Collections.Immutable;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Performance;

namespace OrleansEval.Grains.Slices;

/// <summary>
/// One delta of a backfill (<see cref="BackfillDeltas"/>) with the prediction id of each of its predictions and
/// outcomes, so that the outcomes of predictions the label join still holds — which the join counts — can be left out.
/// </summary>
internal sealed record BackfillPart(
    string SliceGrainKey,
    SeriesId Series,
    SliceDelta Delta,
    ImmutableArray<string> PredictionIds,
    ImmutableArray<string> OutcomeIds)
{
    /// <summary>The delta as it stands: every prediction, and an outcome for each labelled row.</summary>
    public KeyedDelta Keyed => new(SliceGrainKey, Delta);

    /// <summary>The delta without the outcomes of the predictions in <paramref name="joined"/>; every prediction stays.</summary>
    public KeyedDelta Without(IReadOnlySet<string> joined)
    {
        ArgumentNullException.ThrowIfNull(joined);
        var outcomes = Delta.Outcomes.Where((_, i) => !joined.Contains(OutcomeIds[i])).ToImmutableArray();
        return new KeyedDelta(SliceGrainKey, Delta with { Outcomes = outcomes });
    }
}
