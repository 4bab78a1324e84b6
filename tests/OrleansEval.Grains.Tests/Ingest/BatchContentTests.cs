using System.Collections.Immutable;
using OrleansEval.Actuals;
using OrleansEval.Grains.Ingest;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// The content hash under an idempotency key is kept in the ingest log and its key pages: a batch resent after an
/// upgrade must hash as it did before, or its resend is refused as a conflict. The expected values were computed by
/// the first implementation, which hashed field by field.
/// </summary>
public sealed class BatchContentTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 30, 0, TimeSpan.FromHours(2));

    [Fact]
    public void Of_Records_IsTheHashStoredKeysWereWrittenWith()
    {
        Assert.Equal("D2E4F661799DA9B4563037404F3A404D", BatchContent.Of(Batch(Features(("b", FeatureValue.Of(2.5)), ("a", FeatureValue.Of("x"))))));
    }

    [Fact]
    public void Of_Actuals_IsTheHashStoredKeysWereWrittenWith()
    {
        ImmutableArray<ActualRecord> actuals =
        [
            new ActualRecord(0, "p-1", new ActualInput(FeatureValue.Of("yes"), FeatureValue.Missing)),
            new ActualRecord(2, "p-2", new ActualInput(FeatureValue.Missing, FeatureValue.Of(4.0))),
        ];

        Assert.Equal("624AF85CCD8B8C5154382B90F617B589", BatchContent.Of(actuals));
    }

    [Fact]
    public void Of_RecordsNamingOtherFeaturesThanTheRecordBefore_IsTheHashStoredKeysWereWrittenWith()
    {
        var batch = new IngestBatch(
            "batch-2",
            [
                Record(0, Features(("b", FeatureValue.Of(1)), ("a", FeatureValue.Of(2)))),
                Record(1, Features(("a", FeatureValue.Of(3)), ("c", FeatureValue.Of(4)))),
                Record(2, Features(("c", FeatureValue.Of(5)), ("a", FeatureValue.Of(6)))),
                Record(3, Features(("c", FeatureValue.Of(7)))),
            ],
            []);

        Assert.Equal("D42F57FB29C2200880305F92A27FE685", BatchContent.Of(batch));
    }

    [Fact]
    public void Of_Records_DoesNotDependOnTheOrderOfNames()
    {
        var one = BatchContent.Of(Batch(Features(("a", FeatureValue.Of("x")), ("b", FeatureValue.Of(2.5)))));
        var other = BatchContent.Of(Batch(Features(("b", FeatureValue.Of(2.5)), ("a", FeatureValue.Of("x")))));

        Assert.Equal(one, other);
    }

    [Fact]
    public void Of_Records_TellsAChangedValueApart()
    {
        var one = BatchContent.Of(Batch(Features(("a", FeatureValue.Of("x")))));
        var other = BatchContent.Of(Batch(Features(("a", FeatureValue.Of("y")))));

        Assert.NotEqual(one, other);
    }

    private static ImmutableDictionary<string, FeatureValue> Features(params (string Name, FeatureValue Value)[] values) =>
        values.ToImmutableDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    private static RecordInput Record(int index, ImmutableDictionary<string, FeatureValue> features) =>
        new() { Index = index, PredictionId = $"p-{index}", Timestamp = At, Features = features };

    private static IngestBatch Batch(ImmutableDictionary<string, FeatureValue> features) => new(
        "batch-1",
        [
            new RecordInput
            {
                Index = 0,
                PredictionId = "p-1",
                Timestamp = At,
                Version = "v2",
                Features = features,
                Tags = Features(("region", FeatureValue.Of("north"))),
                Prediction = new PredictionInput(FeatureValue.Of("yes"), FeatureValue.Of(0.75), FeatureValue.Missing),
                Actual = new ActualInput(FeatureValue.Of("no"), FeatureValue.Missing),
            },
            new RecordInput { Index = 2, PredictionId = "p-2", Timestamp = At.AddMinutes(1), Environment = "shadow" },
        ],
        [new RecordRejection(1, "timestamp: is required")]);
}
