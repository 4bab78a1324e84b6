using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Grpc;
using OrleansEval.Gateway.Grpc.V1;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Ingest;
using Record = OrleansEval.Gateway.Grpc.V1.Record;
using Value = OrleansEval.Gateway.Grpc.V1.Value;

namespace OrleansEval.Gateway.Tests.Grpc;

/// <summary>
/// The ingest requests read straight off the wire answer exactly what Google.Protobuf and <see cref="RecordMapper"/>
/// answer, on random messages: unknown fields at every level (packed repeated among them, and fields of the message's
/// own numbers with other wire types), missing optional values, NaN and ±∞, strings over the limit, non-ASCII text,
/// invalid names and times, and truncated messages, which both must refuse. What protobuf merges is left to protobuf.
/// </summary>
public sealed class WireRequestsTests
{
    private const int Messages = 400;
    private const int Records = 1_000;
    private const long MaxBytesPerRecord = 200;
    private static readonly GatewayOptions Limits = new();
    private static readonly WireRequests Wire = new(Options.Create(Limits));

    private static readonly string[] Names = ["number_0", "number_1", "city", "größe", "bad name!", "", new string('n', 129), "category_2"];

    private static readonly string[] Texts =
        ["", "Seattle", "Zürich", "東京 ✈", "emoji 🛫", new string('x', Limits.MaxStringLength), new string('é', Limits.MaxStringLength + 1)];

    private static readonly double[] Numbers = [0, -0.0, 1.5, -3e300, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon];

    [Fact]
    public void Records_OfRandomMessages_AgreeWithProtobufAndTheMapper()
    {
        var random = new Random(14);
        var readDirectly = 0;
        for (var n = 0; n < Messages; n++)
        {
            var bytes = Noisy(RandomIngest(random), random, 3, IngestRequest.Parser).ToByteArray();
            if (n % 5 == 4)
            {
                bytes = bytes[..random.Next(bytes.Length + 1)];
            }

            IngestRequest expected;
            try
            {
                expected = IngestRequest.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException)
            {
                Assert.Throws<InvalidDataException>(() => IngestWireReader.Read(bytes, Limits));
                Assert.Equal(StatusCode.InvalidArgument, Assert.Throws<RpcException>(() => Wire.Records(WireMessages.Context(bytes, 64))).StatusCode);
                continue;
            }

            var (table, rejected) = RecordMapper.Map(expected.Records, Limits);
            var read = Wire.Records(WireMessages.Context(bytes, 64));
            Assert.Equal((expected.ModelId, expected.HasIdempotencyKey ? expected.IdempotencyKey : null, expected.Records.Count), (read.ModelId, read.IdempotencyKey, read.Count));
            Assert.Equal(WireMessages.Lines(table), WireMessages.Lines(read.Table));
            Assert.Equal(rejected.ToArray(), read.Rejected.ToArray());
            readDirectly += ReadsDirectly(() => IngestWireReader.Read(bytes, Limits).Table.ReturnBuffers());
            table.ReturnBuffers();
            read.Table.ReturnBuffers();
        }

        // Protobuf's parser is the exception: most random messages, unknown fields and all, are read directly.
        Assert.True(readDirectly > Messages / 2, $"{readDirectly} of {Messages} read directly");
    }

    [Fact]
    public void Actuals_OfRandomMessages_AgreeWithProtobufAndTheMapper()
    {
        var random = new Random(15);
        var readDirectly = 0;
        for (var n = 0; n < Messages; n++)
        {
            var request = new ActualsRequest { ModelId = random.Next(4) == 0 ? "bad model!" : "model-a" };
            if (random.Next(2) == 0)
            {
                request.IdempotencyKey = "key-" + n;
            }

            for (var i = random.Next(0, 5); i > 0; i--)
            {
                var item = new ActualItem { PredictionId = PredictionId(random), Actual = random.Next(5) == 0 ? null : RandomActual(random), Timestamp = RandomTime(random) };
                request.Actuals.Add(Noisy(item, random, 3, ActualItem.Parser));
            }

            var bytes = Noisy(request, random, 3, ActualsRequest.Parser).ToByteArray();
            if (n % 5 == 4)
            {
                bytes = bytes[..random.Next(bytes.Length + 1)];
            }

            ActualsRequest expected;
            try
            {
                expected = ActualsRequest.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException)
            {
                Assert.Throws<InvalidDataException>(() => ActualsWireReader.Read(bytes, Limits));
                Assert.Equal(StatusCode.InvalidArgument, Assert.Throws<RpcException>(() => Wire.Actuals(WireMessages.Context(bytes, 64))).StatusCode);
                continue;
            }

            var (items, rejected) = RecordMapper.Map(expected.Actuals, Limits);
            var read = Wire.Actuals(WireMessages.Context(bytes, 64));
            Assert.Equal((expected.ModelId, expected.HasIdempotencyKey ? expected.IdempotencyKey : null, expected.Actuals.Count), (read.ModelId, read.IdempotencyKey, read.Count));
            Assert.Equal(items.ToArray(), read.Items.ToArray());
            Assert.Equal(rejected.ToArray(), read.Rejected.ToArray());
            readDirectly += ReadsDirectly(() => ActualsWireReader.Read(bytes, Limits));
        }

        Assert.True(readDirectly > Messages / 2, $"{readDirectly} of {Messages} read directly");
    }

    [Fact]
    public void Records_WhatProtobufMerges_IsLeftToItsParser_AndReadAsItReadsIt()
    {
        var record = new Record { PredictionId = "p-1", Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch), Prediction = new Prediction { Score = 0.5 } };
        record.Features.Add("a", new Value { Number = 1 });
        var again = new Record { Prediction = new Prediction { Value = 2 } };
        again.Features.Add("a", new Value { Text = "last" });
        var request = new IngestRequest { ModelId = "model-a" };
        request.Records.Add(record);

        // The same record twice over, concatenated: a map key and a prediction given twice, which protobuf merges.
        var recordBytes = record.ToByteArray().Concat(again.ToByteArray()).ToArray();
        var bytes = new IngestRequest { ModelId = "model-a" }.ToByteArray()
            .Concat(new byte[] { 26 }).Concat(Varint(recordBytes.Length)).Concat(recordBytes).ToArray();

        Assert.Throws<InvalidDataException>(() => IngestWireReader.Read(bytes, Limits));
        var read = Wire.Records(WireMessages.Context(bytes));
        var row = Assert.Single(read.Table.Rows);
        Assert.Equal(FeatureValue.Of("last"), row.Features["a"]);
        Assert.Equal((FeatureValue.Of(0.5), FeatureValue.Of(2.0)), (row.PredictionScore, row.PredictionValue));
        read.Table.ReturnBuffers();
    }

    [Fact]
    public void Read_ThousandTwentyFeatureRecords_AllocatesAtMostTwoHundredBytesARecord()
    {
        var request = new IngestRequest { ModelId = "model-a", IdempotencyKey = "batch-1" };
        request.Records.AddRange(Enumerable.Range(0, Records).Select(TwentyFeatures));
        var bytes = request.ToByteArray();
        ReadAndRelease(bytes);

        // The least of three runs: a one-time allocation by the runtime (a tier-up of the loop) is not the reader's.
        var least = long.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            ReadAndRelease(bytes);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.True(least <= MaxBytesPerRecord * Records, $"reading allocated {least / Records} bytes a record");
    }

    private static void ReadAndRelease(byte[] bytes)
    {
        var message = IngestWireReader.Read(bytes, Limits);
        Assert.Empty(message.Rejected);
        Assert.Equal(Records, message.Table.Count);
        message.Table.ReturnBuffers();
    }

    private static int ReadsDirectly(Action read)
    {
        try
        {
            read();
            return 1;
        }
        catch (InvalidDataException)
        {
            return 0;
        }
    }

    private static IngestRequest RandomIngest(Random random)
    {
        var request = new IngestRequest { ModelId = random.Next(6) == 0 ? "" : "model-a" };
        if (random.Next(2) == 0)
        {
            request.IdempotencyKey = random.Next(5) == 0 ? "bad key!" : "batch-7";
        }

        for (var i = random.Next(0, 6); i > 0; i--)
        {
            request.Records.Add(Noisy(RandomRecord(random), random, 8, Record.Parser));
        }

        return request;
    }

    private static Record RandomRecord(Random random)
    {
        var record = new Record { PredictionId = PredictionId(random), Timestamp = RandomTime(random) };
        if (random.Next(3) == 0)
        {
            record.Version = Texts[random.Next(Texts.Length)];
        }

        if (random.Next(3) == 0)
        {
            record.Environment = random.Next(2) == 0 ? "shadow" : Texts[random.Next(Texts.Length)];
        }

        for (var i = random.Next(0, 6); i > 0; i--)
        {
            record.Features[Names[random.Next(Names.Length)]] = RandomValue(random);
        }

        for (var i = random.Next(0, 3); i > 0; i--)
        {
            record.Tags[Names[random.Next(Names.Length)]] = RandomValue(random);
        }

        if (random.Next(3) > 0)
        {
            var prediction = new Prediction { Label = random.Next(3) == 0 ? null : RandomValue(random) };
            if (random.Next(2) == 0)
            {
                prediction.Score = Numbers[random.Next(Numbers.Length)];
            }

            if (random.Next(3) == 0)
            {
                prediction.Value = Numbers[random.Next(Numbers.Length)];
            }

            record.Prediction = Noisy(prediction, random, 3, Prediction.Parser);
        }

        record.Actual = random.Next(2) == 0 ? RandomActual(random) : null;
        return record;
    }

    private static Actual RandomActual(Random random)
    {
        var actual = new Actual { Label = random.Next(4) == 0 ? null : RandomValue(random) };
        if (random.Next(2) == 0)
        {
            actual.Value = Numbers[random.Next(Numbers.Length)];
        }

        return Noisy(actual, random, 2, Actual.Parser);
    }

    private static Value RandomValue(Random random)
    {
        var value = random.Next(4) switch
        {
            0 => new Value { Number = Numbers[random.Next(Numbers.Length)] },
            1 => new Value { Text = Texts[random.Next(Texts.Length)] },
            2 => new Value { Flag = random.Next(2) == 0 },
            _ => new Value(),
        };
        return Noisy(value, random, 3, Value.Parser);
    }

    private static Timestamp? RandomTime(Random random) => random.Next(8) switch
    {
        0 => null,
        1 => new Timestamp { Seconds = 253_402_300_800, Nanos = 0 },
        2 => new Timestamp { Seconds = 1, Nanos = -1 },
        3 => new Timestamp { Seconds = -62_135_596_800, Nanos = 999_999_999 },
        _ => Noisy(new Timestamp { Seconds = random.NextInt64(0, 2_000_000_000), Nanos = random.Next(1_000_000_000) }, random, 2, Timestamp.Parser),
    };

    private static string PredictionId(Random random) => random.Next(8) switch
    {
        0 => "",
        1 => new string('i', Limits.MaxStringLength + 1),
        2 => "pré-✓",
        _ => "p-" + random.Next(1_000),
    };

    // The message with unknown fields now and then; a field of its own number that protobuf cannot read is not added.
    private static T Noisy<T>(T message, Random random, int maxKnownNumber, MessageParser<T> parser)
        where T : IMessage<T>
    {
        if (random.Next(3) > 0)
        {
            return message;
        }

        try
        {
            return WireMessages.WithFields(message, WireMessages.UnknownFields(random, maxKnownNumber), parser);
        }
        catch (InvalidProtocolBufferException)
        {
            return message;
        }
    }

    private static Record TwentyFeatures(int n)
    {
        string[] cities = ["Seattle", "Boise", "Tacoma"];
        var record = new Record
        {
            PredictionId = $"p-{n}",
            Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddDays(20_000)),
            Version = "v1",
            Prediction = new Prediction { Score = 0.25 },
            Actual = n % 2 == 0 ? new Actual { Label = new Value { Flag = true } } : null,
        };
        for (var f = 0; f < 15; f++)
        {
            record.Features.Add($"number_{f}", new Value { Number = f + (n * 0.001) });
        }

        for (var c = 0; c < 5; c++)
        {
            record.Features.Add($"category_{c}", new Value { Text = cities[(n + c) % cities.Length] });
        }

        return record;
    }

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte>();
        for (var v = (uint)value; ; v >>= 7)
        {
            if (v < 0x80)
            {
                bytes.Add((byte)v);
                return [.. bytes];
            }

            bytes.Add((byte)((v & 0x7F) | 0x80));
        }
    }
}
