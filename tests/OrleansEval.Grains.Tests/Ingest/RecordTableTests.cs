using System.Collections.Immutable;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// A batch's records held column by column read back as they were given, in every record's own order, and cross to
/// another process (serialized column by column, <see cref="RecordTableCodec"/>) unchanged.
/// </summary>
public sealed class RecordTableTests
{
    private static readonly RecordInput First = new()
    {
        Index = 3,
        PredictionId = "a",
        Timestamp = new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.FromHours(2)),
        Version = "v2",
        Features = ImmutableDictionary.CreateRange([KeyValuePair.Create("x", FeatureValue.Of(1.5)), KeyValuePair.Create("city", FeatureValue.Of("Oslo"))]),
        Tags = ImmutableDictionary.CreateRange([KeyValuePair.Create("region", FeatureValue.Of("north"))]),
        Prediction = new PredictionInput(FeatureValue.Of("1"), FeatureValue.Of(0.75), FeatureValue.Missing),
    };

    private static readonly RecordInput Second = new()
    {
        Index = 5,
        PredictionId = "b",
        Timestamp = new DateTimeOffset(2025, 1, 1, 11, 0, 0, TimeSpan.Zero),
        Environment = "staging",
        Features = ImmutableDictionary.CreateRange([KeyValuePair.Create("x", FeatureValue.Missing)]),
        Actual = new ActualInput(FeatureValue.Of(true), FeatureValue.Missing),
    };

    [Fact]
    public void Rows_OfATableOfRecords_ReadEveryFieldBack()
    {
        var table = RecordTable.Of([First, Second]);

        Assert.Equal(2, table.Count);
        AssertSame(First, table[0]);
        AssertSame(Second, table[1]);
        Assert.False(table[1].HasPrediction);
        Assert.Equal(FeatureValue.Missing, table[1].Tags.GetValueOrDefault("region"));
        Assert.Throws<KeyNotFoundException>(() => table[1].Features["city"]);
    }

    [Fact]
    public void Serialize_ABatch_CrossesAsTheSameRecords()
    {
        var batch = new IngestBatch("records:k", [First, Second], [new RecordRejection(4, "timestamp: is required")]);

        var read = WireSerializer.Instance.Deserialize<IngestBatch>(WireSerializer.Instance.SerializeToArray(batch))!;

        Assert.Equal(batch.BatchId, read.BatchId);
        Assert.Equal(batch.AlreadyRejected.ToArray(), read.AlreadyRejected.ToArray());
        AssertSame(First, read.Records[0]);
        AssertSame(Second, read.Records[1]);
    }

    [Fact]
    public void ReturnBuffers_Twice_GivesThemBackOnce()
    {
        var table = RecordTable.Of([First]);

        table.ReturnBuffers();
        table.ReturnBuffers();

        Assert.Equal(1, table.Count);
        RecordTable.Empty.ReturnBuffers();
        Assert.Equal(0, RecordTable.Empty.Count);
    }

    private static void AssertSame(RecordInput expected, RecordRow row)
    {
        var actual = row.ToInput();
        Assert.Equal(expected.Index, actual.Index);
        Assert.Equal(expected.PredictionId, actual.PredictionId);
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.Timestamp.Offset, actual.Timestamp.Offset);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Environment, actual.Environment);
        Assert.Equal(expected.Features.OrderBy(f => f.Key, StringComparer.Ordinal), actual.Features.OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Tags.OrderBy(f => f.Key, StringComparer.Ordinal), actual.Tags.OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Prediction, actual.Prediction);
        Assert.Equal(expected.Actual, actual.Actual);
        Assert.Equal(expected.Features.Keys.Order(StringComparer.Ordinal), Enumerable.Range(0, row.Features.Count).Select(row.Features.NameAt).Order(StringComparer.Ordinal));
    }
}
