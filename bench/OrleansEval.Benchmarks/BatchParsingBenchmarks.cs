using System.Buffers;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using OrleansEval.Gateway.Grpc;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Records;
using OrleansEval.Ingest;
using Proto = OrleansEval.Gateway.Grpc.V1;
using static OrleansEval.Bench.WorkloadDistributions;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace OrleansEval.Benchmarks;

/// <summary>
/// One ingest request of 1,000 records as the load generator sends them (15 numeric and 5 categorical features, a score,
/// and the actual label on half of them), from its bytes in memory to the <see cref="IngestBatch"/> the gateway hands to
/// the ingest worker: the HTTP body, as a JSON array and as NDJSON, through <see cref="RecordParser"/> into pooled columns; the gRPC message
/// from its bytes straight into pooled columns by <see cref="IngestWireReader"/>, as the service reads it, and through
/// <c>IngestRequest.Parser</c> and <see cref="RecordMapper"/>, as it read it before (and still reads a message the wire reader
/// leaves to protobuf). Reading the body off the connection and the grain
/// call are not timed. The table gives the cost of the batch; a record costs a thousandth of it.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class BatchParsingBenchmarks
{
    private const int Records = 1_000;
    private const double ActualShare = 0.5;
    private const string BatchId = "records:bench-1";

    private static readonly GatewayOptions Limits = new();
    private static readonly DateTimeOffset Time = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private byte[] _jsonArray = null!;
    private byte[] _ndjson = null!;
    private byte[] _protobuf = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rows = Rows(seed: 41);
        _jsonArray = JsonArray(rows);
        _ndjson = Ndjson(rows);
        _protobuf = ProtoRequest(rows).ToByteArray();

        // Every record must take the accepting path, or the benchmark would time the rejections.
        foreach (var (parsed, rejected) in new[] { (Http_JsonArray(), 0), (Http_Ndjson(), 0), (Grpc_Protobuf().Records.Count, Grpc_Protobuf().AlreadyRejected.Length), (Grpc_Wire(), 0) })
        {
            if (parsed != Records || rejected != 0)
            {
                throw new InvalidOperationException($"{parsed} of {Records} records parsed, {rejected} rejected");
            }
        }
    }

    [Benchmark]
    public int Http_JsonArray() => ParseHttp(_jsonArray);

    [Benchmark]
    public int Http_Ndjson() => ParseHttp(_ndjson);

    /// <summary>The service reads the request's buffers (copied into one array when there are several) rather than an array; the work is the same.</summary>
    [Benchmark]
    public int Grpc_Wire()
    {
        var message = IngestWireReader.Read(_protobuf, Limits);
        var batch = new IngestBatch(BatchId, message.Table, message.Rejected);
        var kept = batch.AlreadyRejected.IsEmpty ? batch.Records.Count : -1;
        message.Table.ReturnBuffers();
        return kept;
    }

    /// <summary>Protobuf's message tree, then the mapper: how the service read every message before.</summary>
    [Benchmark]
    public IngestBatch Grpc_Protobuf()
    {
        var request = Proto.IngestRequest.Parser.ParseFrom(_protobuf);
        var (items, rejected) = RecordMapper.Map(request.Records, Limits);
        return new IngestBatch(request.IdempotencyKey, items, rejected);
    }

    // The batch as the endpoint makes it, its pooled buffers given back once it is read, as the endpoint does once the
    // worker has answered: the records kept, or -1 when any was rejected.
    private static int ParseHttp(byte[] body)
    {
        using var parsed = RecordParser.Parse(new ReadOnlySequence<byte>(body), Limits);
        var batch = new IngestBatch(BatchId, parsed.Table, [.. parsed.Rejected]);
        return batch.AlreadyRejected.IsEmpty ? batch.Records.Count : -1;
    }

    private static byte[] JsonArray(Row[] rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                WriteJson(json, row);
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    private static byte[] Ndjson(Row[] rows)
    {
        using var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer);
        foreach (var row in rows)
        {
            WriteJson(json, row);
            json.Flush();
            buffer.WriteByte((byte)'\n');
            json.Reset(buffer);
        }

        return buffer.ToArray();
    }

    private static void WriteJson(Utf8JsonWriter json, Row row)
    {
        json.WriteStartObject();
        json.WriteString("predictionId", row.PredictionId);
        json.WriteString("timestamp", Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("version", "v1");
        json.WriteStartObject("features");
        for (var i = 0; i < Numeric.Length; i++)
        {
            json.WriteNumber(Numeric[i], row.Numeric[i]);
        }

        for (var i = 0; i < Categorical.Length; i++)
        {
            json.WriteString(Categorical[i].Name, row.Categorical[i]);
        }

        json.WriteEndObject();
        json.WriteStartObject("prediction");
        json.WriteNumber("score", row.Score);
        json.WriteEndObject();
        if (row.Actual is not null)
        {
            json.WriteStartObject("actual");
            json.WriteString("label", row.Actual);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static Proto.IngestRequest ProtoRequest(Row[] rows)
    {
        var request = new Proto.IngestRequest { ModelId = "bench-model", IdempotencyKey = BatchId };
        var timestamp = Timestamp.FromDateTimeOffset(Time);
        foreach (var row in rows)
        {
            var record = new Proto.Record
            {
                PredictionId = row.PredictionId,
                Timestamp = timestamp,
                Version = "v1",
                Prediction = new Proto.Prediction { Score = row.Score },
            };
            for (var i = 0; i < Numeric.Length; i++)
            {
                record.Features[Numeric[i]] = new Proto.Value { Number = row.Numeric[i] };
            }

            for (var i = 0; i < Categorical.Length; i++)
            {
                record.Features[Categorical[i].Name] = new Proto.Value { Text = row.Categorical[i] };
            }

            if (row.Actual is not null)
            {
                record.Actual = new Proto.Actual { Label = new Proto.Value { Text = row.Actual } };
            }

            request.Records.Add(record);
        }

        return request;
    }

    /// <summary>The load generator's distributions: a binary classifier whose score is a logistic model of a few features.</summary>
    private static Row[] Rows(int seed)
    {
        var random = new Random(seed);
        var frequencies = CategoryFrequencies();
        var rows = new Row[Records];
        for (var r = 0; r < rows.Length; r++)
        {
            var numeric = new double[Numeric.Length];
            DrawNumeric(random, numeric);
            var categorical = new string[Categorical.Length];
            for (var c = 0; c < categorical.Length; c++)
            {
                categorical[c] = DrawCategory(random, frequencies, c);
            }

            var score = Score(numeric, categorical[0]);
            var actual = random.NextDouble() < ActualShare ? (random.NextDouble() < score ? "1" : "0") : null;
            rows[r] = new Row(string.Create(CultureInfo.InvariantCulture, $"bench-0-{r}"), numeric, categorical, Math.Round(score, 6), actual);
        }

        return rows;
    }

    private sealed record Row(string PredictionId, double[] Numeric, string[] Categorical, double Score, string? Actual);
}
