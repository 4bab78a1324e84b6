using System.Buffers.Binary;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using OrleansEval.Gateway.Grpc.V1;

namespace OrleansEval.Server.Tests.Corpus;

/// <summary>gRPC messages protobuf cannot read, valid messages with hostile values, and broken gRPC frames, over HTTP/2.</summary>
internal static partial class MalformedRequests
{
    // WatchAlerts is left out: a garbage message that happens to parse subscribes, and its stream never ends.
    private static readonly string[] GrpcMethods = ["Ingest", "IngestStream", "SendActuals", "GetDrift", "GetPerformance"];

    private static IEnumerable<CorpusCase> GrpcCases(string modelId, Random random)
    {
        var ingest = IngestMessage(modelId).ToByteArray();
        var actuals = new ActualsRequest { ModelId = modelId, Actuals = { new ActualItem { PredictionId = "p-1", Actual = new Actual { Label = new Gateway.Grpc.V1.Value { Text = "1" } } } } }.ToByteArray();
        foreach (var method in GrpcMethods)
        {
            for (var i = 0; i < 50; i++)
            {
                var garbage = new byte[random.Next(1, 300)];
                random.NextBytes(garbage);
                yield return Grpc(method, $"{garbage.Length} random bytes ({i})", Frame(garbage));
            }

            yield return Grpc(method, "length beyond the payload", Frame(ingest, length: ingest.Length + 10), brokenFraming: true);
            yield return Grpc(method, "compressed flag without an encoding", Frame(ingest, compressed: true), brokenFraming: true);
            yield return Grpc(method, "no message", [], brokenFraming: true);
            yield return Grpc(method, "three bytes of a prefix", [0, 0, 0], brokenFraming: true);
            yield return Grpc(method, "a 2 GB length", Frame(ingest, length: int.MaxValue), brokenFraming: true);
            yield return Grpc(method, "two messages", Concat(Frame(ingest), Frame(ingest)), brokenFraming: method != "IngestStream");
        }

        for (var i = 0; i < 40; i++)
        {
            var cut = random.Next(1, ingest.Length);
            yield return Grpc(i % 4 == 0 ? "IngestStream" : "Ingest", $"valid message cut at {cut}", Frame(ingest[..cut]));
            var flipped = (byte[])ingest.Clone();
            flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
            yield return Grpc("Ingest", $"valid message with a flipped byte ({i})", Frame(flipped));
        }

        for (var i = 0; i < 15; i++)
        {
            var cut = random.Next(1, actuals.Length);
            yield return Grpc("SendActuals", $"valid actuals cut at {cut}", Frame(actuals[..cut]));
        }

        // Field 1 (model_id, a string) as a varint, field 3 (records) as a fixed32, a group start, a zero tag, a field number of 0.
        byte[][] wireFaults =
        [
            [0x08, 0x01], [0x1D, 0x01, 0x02, 0x03, 0x04], [0x0B], [0x00], [0x0A, 0x05, 0x61], [0x1A, 0x03, 0x08, 0x01, 0x00],
            [0x1A, 0x02, 0x12, 0x05], [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], [0x1A, 0x04, 0x22, 0x02, 0x0A, 0x00], [0x0F],
            [0x0A, 0x02, 0xC0, 0xAF], [0x0A, 0x03, 0xED, 0xA0, 0x80], [0x12, 0x01, 0xFF], [0x1A, 0x05, 0x0A, 0x03, 0xE2, 0x82, 0x41],
            [0x1A, 0x0C, 0x2A, 0x0A, 0x0A, 0x02, 0xC0, 0xAF, 0x12, 0x04, 0x12, 0x02, 0x41, 0x42],
        ];
        foreach (var fault in wireFaults)
        {
            yield return Grpc("Ingest", $"wire fault {Convert.ToHexString(fault)}", Frame(fault));
            yield return Grpc("SendActuals", $"wire fault {Convert.ToHexString(fault)}", Frame(fault));
        }

        foreach (var name in HostileNames)
        {
            var label = Short(System.Text.Json.JsonSerializer.Serialize(name));
            yield return Grpc("Ingest", $"model_id {label}", Frame(new IngestRequest { ModelId = name }.ToByteArray()));
            yield return Grpc("Ingest", $"idempotency_key {label}", Frame(new IngestRequest { ModelId = modelId, IdempotencyKey = name }.ToByteArray()));
            var record = IngestMessage(modelId);
            record.Records[0].Version = name;
            record.Records[0].Features.Add(name, new Gateway.Grpc.V1.Value { Number = 1 });
            yield return Grpc("Ingest", $"record names {label}", Frame(record.ToByteArray()));
            yield return Grpc("GetDrift", $"baseline {label}", Frame(new DriftRequest { ModelId = modelId, Baseline = name }.ToByteArray()));
            yield return Grpc("GetPerformance", $"slice {label}", Frame(new PerformanceRequest { ModelId = modelId, Slice = name }.ToByteArray()));
        }

        foreach (var seconds in new[] { long.MinValue, -62_135_596_801, 253_402_300_800, long.MaxValue })
        {
            var message = IngestMessage(modelId);
            message.Records[0].Timestamp = new Timestamp { Seconds = seconds, Nanos = -1 };
            yield return Grpc("Ingest", $"timestamp seconds {seconds}", Frame(message.ToByteArray()));
        }
    }

    private static IngestRequest IngestMessage(string modelId)
    {
        var record = new Gateway.Grpc.V1.Record
        {
            PredictionId = "p-1",
            Timestamp = Timestamp.FromDateTimeOffset(new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            Version = "v1",
            Prediction = new Prediction { Label = new Gateway.Grpc.V1.Value { Text = "1" }, Score = 0.7 },
        };
        record.Features.Add("x", new Gateway.Grpc.V1.Value { Number = 1.5 });
        record.Features.Add("loc", new Gateway.Grpc.V1.Value { Text = "a" });
        return new IngestRequest { ModelId = modelId, Records = { record, record.Clone(), record.Clone() } };
    }

    /// <summary>A gRPC length-prefixed message: a compression flag, a 4-byte big-endian length, the payload.</summary>
    private static byte[] Frame(byte[] payload, bool compressed = false, int? length = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), length ?? payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private static CorpusCase Grpc(string method, string name, byte[] framed, bool brokenFraming = false) =>
        new($"grpc {method}: {name}", brokenFraming, target => target.GrpcAsync(method, framed, brokenFraming));
}
