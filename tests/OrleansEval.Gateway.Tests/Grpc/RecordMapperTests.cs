using Google.Protobuf.WellKnownTypes;
using OrleansEval.Gateway.Grpc;
using OrleansEval.Gateway.Grpc.V1;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Ingest;
using Record = OrleansEval.Gateway.Grpc.V1.Record;
using Value = OrleansEval.Gateway.Grpc.V1.Value;

namespace OrleansEval.Gateway.Tests.Grpc;

/// <summary>
/// gRPC records are written into the same pooled record table as the JSON parser's: each rejected record alone, with
/// the JSON parser's messages, the kept ones value for value, and at most 200 bytes allocated a record once the pools
/// are warm (a record of twenty features was an object with two dictionaries, about 10 kB, before).
/// </summary>
public sealed class RecordMapperTests
{
    private const int Records = 1_000;
    private const long MaxBytesPerRecord = 200;
    private static readonly GatewayOptions Limits = new();
    private static readonly DateTimeOffset Noon = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Map_RejectsEachBadRecordAlone_AndKeepsTheOthersValueForValue()
    {
        var good = Record(0);
        var noId = Record(1);
        noId.PredictionId = "";
        var badName = Record(2);
        badName.Features.Add("bad name!", new Value { Number = 1 });
        var tooLong = Record(3);
        tooLong.Tags.Add("city", new Value { Text = new string('x', Limits.MaxStringLength + 1) });
        var noTime = Record(4);
        noTime.Timestamp = null;

        var (table, rejected) = RecordMapper.Map([good, noId, badName, tooLong, noTime, Record(5)], Limits);

        Assert.Equal([1, 2, 3, 4], rejected.Select(r => r.Index));
        Assert.Equal("predictionId: is required", rejected[0].Error);
        Assert.StartsWith("features: ", rejected[1].Error, StringComparison.Ordinal);
        Assert.Equal($"tags.city: must be at most {Limits.MaxStringLength} characters", rejected[2].Error);
        Assert.StartsWith("timestamp: is required", rejected[3].Error, StringComparison.Ordinal);
        Assert.Equal(2, table.Count);
        var (first, last) = (table[0], table[1]);
        Assert.Equal((0, "p-0", 5), (first.Index, first.PredictionId, last.Index));
        Assert.Equal(Noon, first.Timestamp);
        Assert.Equal("v1", first.Version);
        Assert.Null(first.Environment);
        Assert.Equal(20, first.Features.Count);
        Assert.Equal(FeatureValue.Of(3.0), first.Features["number_3"]);
        Assert.Equal(FeatureValue.Of("Boise"), first.Features["category_1"]);
        Assert.Equal(0, first.Tags.Count);
        Assert.Equal(FeatureValue.Of(0.25), first.PredictionScore);
        Assert.True(first.HasActual);
        Assert.Equal(FeatureValue.Of(true), first.ActualLabel);
        Assert.False(last.HasActual);
        table.ReturnBuffers();
    }

    [Fact]
    public void Map_ThousandTwentyFeatureRecords_AllocatesAtMostTwoHundredBytesARecord()
    {
        var records = new Google.Protobuf.Collections.RepeatedField<Record>();
        records.AddRange(Enumerable.Range(0, Records).Select(Record));
        MapAndRelease(records);

        // The least of three runs: a one-time allocation by the runtime (a tier-up of the loop) is not the mapper's.
        var least = long.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            MapAndRelease(records);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.True(least <= MaxBytesPerRecord * Records, $"mapping allocated {least / Records} bytes a record");
    }

    private static void MapAndRelease(Google.Protobuf.Collections.RepeatedField<Record> records)
    {
        var (table, rejected) = RecordMapper.Map(records, Limits);
        Assert.Empty(rejected);
        Assert.Equal(Records, table.Count);
        table.ReturnBuffers();
    }

    // Fifteen numbers, five categories, a score, and the actual on even records.
    private static Record Record(int n)
    {
        string[] cities = ["Seattle", "Boise", "Tacoma"];
        var record = new Record
        {
            PredictionId = $"p-{n}",
            Timestamp = Timestamp.FromDateTimeOffset(Noon),
            Version = "v1",
            Prediction = new Prediction { Score = 0.25 },
            Actual = n % 2 == 0 ? new Actual { Label = new Value { Flag = true } } : null,
        };
        for (var f = 0; f < 15; f++)
        {
            record.Features.Add($"number_{f}", new Value { Number = f });
        }

        for (var c = 0; c < 5; c++)
        {
            record.Features.Add($"category_{c}", new Value { Text = cities[(n + c) % cities.Length] });
        }

        return record;
    }
}
