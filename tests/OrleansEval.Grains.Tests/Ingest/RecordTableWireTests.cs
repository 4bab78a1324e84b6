using System.Collections.Immutable;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// A <see cref="RecordTable"/> crosses a process boundary column by column (<see cref="RecordTableCodec"/>): every field
/// of every record reads back bit for bit — missing values, NaN payloads, −0, infinities, texts in any script, tags,
/// predictions, actuals, versions and environments — and a batch of 1,000 records of 20 features costs a fraction of
/// the bytes and allocations of the record object each it crossed as before.
/// </summary>
public sealed class RecordTableWireTests
{
    private const string Golden = "40630101020401708080C0CF96B2A4DE1178010276310002020000017801016341828300000000000000008001020474727565";

    private static readonly string[] Categories = ["Oslo", "Zürich", "東京", "🙂 smile", "e\u0301", "", new string('x', 100), "true"];

    private static readonly string?[] Versions = [null, "v1", "v2", "βeta-3"];

    private static readonly string?[] Environments = [null, "staging", "training"];

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 40)]
    [InlineData(4, 700)]
    public void RoundTrip_OfARandomTable_ReadsEveryFieldBackBitForBit(int seed, int records)
    {
        var table = RandomTable(seed, records);

        var read = WireSerializer.Instance.Deserialize<RecordTable>(WireSerializer.Instance.SerializeToArray(table))!;

        AssertSameTable(table, read);
    }

    [Fact]
    public void RoundTrip_OfABatch_KeepsItsIdRejectionsAndTable()
    {
        var batch = new IngestBatch("records:k", RandomTable(5, 30), [new RecordRejection(4, "timestamp: is required")]);

        var read = WireSerializer.Instance.Deserialize<IngestBatch>(WireSerializer.Instance.SerializeToArray(batch))!;

        Assert.Equal(batch.BatchId, read.BatchId);
        Assert.Equal(batch.AlreadyRejected.ToArray(), read.AlreadyRejected.ToArray());
        AssertSameTable(batch.Records, read.Records);
    }

    [Fact]
    public void RoundTrip_OfATableSentTwiceInOneMessage_ReadsOneTable()
    {
        var table = RandomTable(6, 3);

        var read = WireSerializer.Instance.Deserialize<RecordTable[]>(WireSerializer.Instance.SerializeToArray(new[] { table, table }))!;

        Assert.Same(read[0], read[1]);
        AssertSameTable(table, read[0]);
    }

    [Fact]
    public void Serialize_ASmallTable_WritesTheFirstColumnarLayout()
    {
        var builder = new RecordTableBuilder();
        builder.Begin(2);
        builder.SetPredictionId("p");
        builder.SetTimestamp(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)));
        builder.SetVersion("v1");
        builder.BeginValues(tags: false);
        builder.AddValue(builder.Name("x"), FeatureValue.Of(-0.0));
        builder.AddValue(builder.Name("c"), FeatureValue.Of("v1"));
        builder.SetActual(FeatureValue.Of(true), FeatureValue.Missing);
        builder.Keep();

        var hex = Convert.ToHexString(WireSerializer.Instance.SerializeToArray(builder.Build()));

        Assert.Equal(Golden, hex);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(20)]
    public void Deserialize_OfCutBytes_FailsWithoutATable(int cut)
    {
        var bytes = WireSerializer.Instance.SerializeToArray(RandomTable(7, 5));

        Assert.ThrowsAny<Exception>(() => WireSerializer.Instance.Deserialize<RecordTable>(bytes.AsSpan(0, bytes.Length - cut).ToArray()));
    }

    // Measured: a record object each took 492,199 bytes and 10.1 MB of allocations for a round trip (serialize,
    // deserialize, build the table); the columns take 214,196 bytes, 128,000 of them the numbers, and 1.01 MB with the
    // table's arrays taken fresh (the pools empty), less once they come back to the pools as the endpoint gives them.
    [Fact]
    public void RoundTrip_OfAThousandRecordsOfTwentyFeatures_CostsAFractionOfARecordObjectEach()
    {
        var table = WideTable(1_000, 20);
        var serializer = WireSerializer.Instance;
        var columnar = serializer.SerializeToArray(table).Length;
        var perRecord = serializer.SerializeToArray(RecordObjects(table)).Length;

        var columnarAllocated = LeastAllocated(() => serializer.Deserialize<RecordTable>(serializer.SerializeToArray(table))!);
        var perRecordAllocated = LeastAllocated(() => RecordTable.Of(serializer.Deserialize<ImmutableArray<RecordInput>>(serializer.SerializeToArray(RecordObjects(table)))));

        Assert.True(columnar <= 225_000, $"1,000 × 20 took {columnar:N0} bytes as columns ({perRecord:N0} as a record object each)");
        Assert.True(columnar * 2 <= perRecord, $"{columnar:N0} bytes as columns, {perRecord:N0} as a record object each");
        // Alone, a round trip allocates at most 1.15 MB; run after the whole project's tests it allocates one 262,144-byte
        // buffer more (1,275,848 bytes), the same in every run, which the shared pool no longer hands back. Which test
        // leaves the pool that way is not known; the bound allows that one buffer.
        Assert.True(columnarAllocated <= 1_300_000, $"a round trip allocated {columnarAllocated:N0} bytes ({perRecordAllocated:N0} as a record object each)");
        Assert.True(columnarAllocated * 6 <= perRecordAllocated, $"{columnarAllocated:N0} bytes allocated as columns, {perRecordAllocated:N0} as a record object each");
    }

    private static ImmutableArray<RecordInput> RecordObjects(RecordTable table) => [.. table.Rows.Select(row => row.ToInput())];

    // Each table read gives its buffers back to the shared pools, as the ingest endpoint does once the worker has
    // answered.
    private static long LeastAllocated(Func<RecordTable> roundTrip)
    {
        roundTrip().ReturnBuffers();
        var least = long.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var read = roundTrip();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            read.ReturnBuffers();
        }

        return least;
    }

    private static RecordTable WideTable(int records, int features)
    {
        var builder = new RecordTableBuilder();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(11);
        for (var i = 0; i < records; i++)
        {
            builder.Begin(i);
            builder.SetPredictionId($"prediction-{i:D6}");
            builder.SetTimestamp(start.AddSeconds(i * 3.6));
            builder.BeginValues(tags: false);
            for (var f = 0; f < features; f++)
            {
                builder.AddValue(builder.Name($"feature_{f}"), f % 5 == 4 ? FeatureValue.Of(Categories[random.Next(4)]) : FeatureValue.Of(random.NextDouble() * 100));
            }

            builder.SetPrediction(FeatureValue.Of(random.Next(2) == 0 ? "0" : "1"), FeatureValue.Of(random.NextDouble()), FeatureValue.Missing);
            builder.Keep();
        }

        return builder.Build();
    }

    private static RecordTable RandomTable(int seed, int records)
    {
        var random = new Random(seed);
        var builder = new RecordTableBuilder();
        for (var i = 0; i < records; i++)
        {
            builder.Begin(random.Next(-1, 5_000));
            builder.SetPredictionId(random.Next(8) == 0 ? "" : $"id-{random.Next()}-{Categories[random.Next(Categories.Length)]}");
            builder.SetTimestamp(new DateTimeOffset(random.NextInt64(DateTimeOffset.MinValue.Ticks + TimeSpan.TicksPerDay, DateTimeOffset.MaxValue.Ticks - TimeSpan.TicksPerDay), TimeSpan.FromMinutes(15 * random.Next(-56, 57))));
            builder.SetVersion(Versions[random.Next(Versions.Length)]);
            builder.SetEnvironment(Environments[random.Next(Environments.Length)]);
            AddValues(builder, random, tags: false, "f", random.Next(0, 9));
            AddValues(builder, random, tags: true, "t", random.Next(0, 3));
            if (random.Next(3) > 0)
            {
                builder.SetPrediction(Value(random), Value(random), Value(random));
            }

            if (random.Next(2) == 0)
            {
                builder.SetActual(Value(random), Value(random));
            }

            if (random.Next(10) == 0)
            {
                builder.Drop();
            }
            else
            {
                builder.Keep();
            }
        }

        return builder.Build();
    }

    private static void AddValues(RecordTableBuilder builder, Random random, bool tags, string prefix, int count)
    {
        builder.BeginValues(tags);
        for (var j = 0; j < count; j++)
        {
            builder.AddValue(builder.Name($"{prefix}{random.Next(12)}-{Categories[random.Next(4)]}"), Value(random));
        }
    }

    private static FeatureValue Value(Random random) => random.Next(16) switch
    {
        0 => FeatureValue.Missing,
        1 => FeatureValue.Of(-0.0),
        2 => FeatureValue.Of(0.0),
        3 => FeatureValue.Of(double.NaN),
        4 => FeatureValue.Of(BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234)),
        5 => FeatureValue.Of(random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity),
        6 => FeatureValue.Of(random.Next(2) == 0),
        7 => new FeatureValue(FeatureValueKind.Composite, 0, null),
        8 => new FeatureValue(FeatureValueKind.Text, 2.5, "with a number"),
        9 or 10 => FeatureValue.Of(Categories[random.Next(Categories.Length)]),
        11 => FeatureValue.Of(double.Epsilon),
        _ => FeatureValue.Of((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300))),
    };

    private static void AssertSameTable(RecordTable expected, RecordTable actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        var nameIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < expected.Count; row++)
        {
            var (want, got) = (expected[row], actual[row]);
            Assert.Equal(want.Index, got.Index);
            Assert.Equal(want.PredictionId, got.PredictionId);
            Assert.Equal(want.Timestamp.Ticks, got.Timestamp.Ticks);
            Assert.Equal(want.Timestamp.Offset, got.Timestamp.Offset);
            Assert.Equal(want.Version, got.Version);
            Assert.Equal(want.Environment, got.Environment);
            Assert.Equal((want.HasPrediction, want.HasActual), (got.HasPrediction, got.HasActual));
            AssertSameValues(
                [want.PredictionLabel, want.PredictionScore, want.PredictionValue, want.ActualLabel, want.ActualValue],
                [got.PredictionLabel, got.PredictionScore, got.PredictionValue, got.ActualLabel, got.ActualValue]);
            AssertSameValues(want.Features, got.Features, nameIds);
            AssertSameValues(want.Tags, got.Tags, nameIds);
        }
    }

    private static void AssertSameValues(RecordValues expected, RecordValues actual, Dictionary<string, int> nameIds)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected.NameAt(i), actual.NameAt(i));

            // Equal names keep equal numbers within the table read back.
            nameIds.TryAdd(actual.NameAt(i), actual.NameIdAt(i));
            Assert.Equal(nameIds[actual.NameAt(i)], actual.NameIdAt(i));
        }

        AssertSameValues([.. Enumerable.Range(0, expected.Count).Select(expected.ValueAt)], [.. Enumerable.Range(0, actual.Count).Select(actual.ValueAt)]);
    }

    private static void AssertSameValues(FeatureValue[] expected, FeatureValue[] actual) =>
        Assert.Equal(
            expected.Select(v => (v.Kind, BitConverter.DoubleToInt64Bits(v.Number), v.Text)),
            actual.Select(v => (v.Kind, BitConverter.DoubleToInt64Bits(v.Number), v.Text)));

}
