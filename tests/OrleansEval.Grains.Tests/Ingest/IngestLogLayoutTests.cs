using OrleansEval.Grains.Ingest;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// The logged form of a batch leaves out its slice deltas, which replay derives from the join registrations the
/// segment also holds; segments of the first layouts, deltas and all, still read and fan out as they were written.
/// </summary>
public sealed class IngestLogLayoutTests
{
    [Fact]
    public void Segment_OfTheFirstLayout_FansOutTheDeltasItLogged()
    {
        var plan = Plan(FirstLayoutSegment.Bytes);

        Assert.Null(plan.Slicing);
        Assert.NotEmpty(plan.Deltas);
        Assert.Equal(plan.Deltas, PlanDeltas.Of(LoggedBatch.ModelId, plan));
        Assert.Equal(plan.Deltas.Select(d => d.SliceGrainKey), PlanDeltas.Keys(LoggedBatch.ModelId, plan));
    }

    [Fact]
    public void DerivedDeltas_OfTheSameBatch_EqualTheDeltasTheFirstLayoutLogged()
    {
        var logged = Plan(FirstLayoutSegment.Bytes).Deltas;

        var plan = Plan(LoggedBatch.Serializer.SerializeToArray(LoggedBatch.Segment(LoggedBatch.Entry(4, TimeSpan.FromHours(1)))));
        var derived = PlanDeltas.Of(LoggedBatch.ModelId, plan);

        Assert.Empty(plan.Deltas);
        Assert.Equal(logged.Select(d => d.SliceGrainKey), derived.Select(d => d.SliceGrainKey));
        Assert.Equal(logged.Select(d => d.SliceGrainKey).Order(StringComparer.Ordinal), PlanDeltas.Keys(LoggedBatch.ModelId, plan).Order(StringComparer.Ordinal));
        foreach (var (first, now) in logged.Zip(derived))
        {
            Assert.Equal(first.Delta.Predictions.ToArray(), now.Delta.Predictions.ToArray());
            Assert.Equal(
                (first.Delta.BatchId, first.Delta.Task, first.Delta.PositiveLabel, first.Delta.Threshold, first.Delta.Bucket, first.Delta.Calibration.Length),
                (now.Delta.BatchId, now.Delta.Task, now.Delta.PositiveLabel, now.Delta.Threshold, now.Delta.Bucket, now.Delta.Calibration.Length));
            Assert.Empty(now.Delta.Outcomes);
        }
    }

    // Measured: records 3.6 s apart (one bucket) 325,187 bytes with deltas, 250,201 without; an hour apart (a bucket
    // each, so every chunk holds a bucket start per record) 557,184 and 434,612.
    [Theory]
    [InlineData(3.6, 0.78)]
    [InlineData(3_600, 0.8)]
    public void Segment_OfAThousandRecords_IsSmallerThanWithItsDeltasAndFansOutTheSameDeltas(double secondsApart, double atMost)
    {
        var entry = LoggedBatch.Entry(1_000, TimeSpan.FromSeconds(secondsApart));
        var bytes = LoggedBatch.Serializer.SerializeToArray(LoggedBatch.Segment(entry));
        var planned = PlanDeltas.Of(LoggedBatch.ModelId, entry.Plan);

        // The same entry as the first layouts logged it: the same deltas, row for row, in the plan.
        var firstLayout = entry with { Plan = entry.Plan with { Deltas = planned, Slicing = null } };
        var before = LoggedBatch.Serializer.SerializeToArray(LoggedBatch.Segment(firstLayout)).Length;
        Assert.True(bytes.Length <= before * atMost, $"a segment of 1,000 records took {bytes.Length:N0} bytes, {before:N0} with its deltas");
        var replayed = PlanDeltas.Of(LoggedBatch.ModelId, Plan(bytes));
        Assert.Equal(planned.Select(d => d.SliceGrainKey), replayed.Select(d => d.SliceGrainKey));
        Assert.Equal(planned.SelectMany(d => d.Delta.Predictions), replayed.SelectMany(d => d.Delta.Predictions));
        Assert.Equal(1_000 * 6, replayed.Sum(d => d.Delta.Predictions.Length));
    }

    private static IngestPlan Plan(byte[] segment) =>
        Assert.Single(LoggedBatch.Serializer.Deserialize<IngestLogSegment>(segment)!.Entries).Entry.Plan;
}
