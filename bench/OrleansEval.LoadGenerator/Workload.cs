using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using OrleansEval.Client;
using Proto = OrleansEval.Gateway.Grpc.V1;
using static OrleansEval.Bench.WorkloadDistributions;

namespace OrleansEval.LoadGenerator;

/// <summary>
/// A binary classifier's traffic: 15 numeric features (normal, lognormal, uniform and count distributions) and 5
/// categorical ones with Zipf-like category frequencies, a score from a logistic model of some of them, and the actual
/// drawn from that score for a share of the records. A wider model repeats those distributions in the same proportion
/// (three numeric features to one categorical), each copy drawn independently and named with a suffix
/// (<c>age_1</c>). Rows are drawn once into a pool and reused with fresh prediction ids, so that producing a batch costs
/// the generator little next to the server's work.
/// </summary>
internal sealed class Workload
{
    public const int FeatureCount = 20;

    /// <summary>Rows drawn once and reused; a worker starts at its own offset into them.</summary>
    public const int PoolSize = 16_384;

    private readonly string[] _numericNames;
    private readonly string[] _categoricalNames;
    private readonly byte[][] _jsonTails = new byte[PoolSize][];
    private readonly Proto.Record[]? _protoRows;

    /// <param name="seed">Seeds the pool of rows.</param>
    /// <param name="actualShare">Share of records that carry their actual.</param>
    /// <param name="features">Number of features, at least <see cref="FeatureCount"/>; a quarter of them categorical.</param>
    /// <param name="withProto">Also builds the gRPC form of every row.</param>
    public Workload(int seed, double actualShare, int features = FeatureCount, bool withProto = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, FeatureCount);
        _categoricalNames = [.. Enumerable.Range(0, features / 4).Select(c => Numbered(Categorical[c % Categorical.Length].Name, c / Categorical.Length))];
        _numericNames = [.. Enumerable.Range(0, features - _categoricalNames.Length).Select(n => Numbered(Numeric[n % Numeric.Length], n / Numeric.Length))];
        _protoRows = withProto ? new Proto.Record[PoolSize] : null;

        var random = new Random(seed);
        var frequencies = CategoryFrequencies();
        var draw = new double[Numeric.Length];
        var numeric = new double[_numericNames.Length];
        var categorical = new string[_categoricalNames.Length];
        for (var row = 0; row < PoolSize; row++)
        {
            for (var n = 0; n < numeric.Length; n += Numeric.Length)
            {
                DrawNumeric(random, draw);
                draw.AsSpan(0, Math.Min(Numeric.Length, numeric.Length - n)).CopyTo(numeric.AsSpan(n));
            }

            for (var c = 0; c < categorical.Length; c++)
            {
                var kind = c % Categorical.Length;
                categorical[c] = DrawCategory(random, frequencies, kind);
            }

            var score = Score(numeric, categorical[0]);
            string? actual = random.NextDouble() < actualShare ? (random.NextDouble() < score ? "1" : "0") : null;
            _jsonTails[row] = JsonTail(numeric, categorical, score, actual);
            if (_protoRows is not null)
            {
                _protoRows[row] = ProtoRow(numeric, categorical, score, actual);
            }
        }
    }

    public int Features => _numericNames.Length + _categoricalNames.Length;

    public ModelDefinition Model => new()
    {
        Task = "binary_classification",
        PositiveLabel = "1",
        NegativeLabel = "0",
        Threshold = 0.5,
        Bucket = "1h",
        Features = [.. _numericNames.Select(n => new ColumnDefinition(n, "numeric")), .. _categoricalNames.Select(c => new ColumnDefinition(c, "categorical"))],
    };

    /// <summary>A JSON array of <paramref name="count"/> records, ids <c>{prefix}-{first + i}</c>, record n at <paramref name="timeOf"/>(n).</summary>
    public byte[] JsonBatch(string prefix, long first, int count, Func<long, DateTimeOffset> timeOf, ref int cursor)
    {
        var prefixBytes = Encoding.UTF8.GetBytes(prefix);
        using var buffer = new MemoryStream(count * (300 + (Features * 30)));
        buffer.WriteByte((byte)'[');
        Span<byte> digits = stackalloc byte[24];
        var timestamp = Array.Empty<byte>();
        var timestampTicks = long.MinValue;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                buffer.WriteByte((byte)',');
            }

            var time = timeOf(first + i);
            if (time.UtcTicks != timestampTicks)
            {
                timestamp = Encoding.UTF8.GetBytes(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                timestampTicks = time.UtcTicks;
            }

            buffer.Write("{\"predictionId\":\""u8);
            buffer.Write(prefixBytes);
            buffer.WriteByte((byte)'-');
            (first + i).TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
            buffer.Write(digits[..written]);
            buffer.Write("\",\"timestamp\":\""u8);
            buffer.Write(timestamp);
            buffer.Write("\",\"version\":\"v1\","u8);
            buffer.Write(_jsonTails[cursor]);
            cursor = (cursor + 1) % PoolSize;
        }

        buffer.WriteByte((byte)']');
        return buffer.ToArray();
    }

    /// <summary>A gRPC batch of <paramref name="count"/> records, ids <c>{prefix}-{first + i}</c>.</summary>
    public Proto.IngestRequest ProtoBatch(string modelId, string key, string prefix, long first, int count, DateTimeOffset time, ref int cursor)
    {
        var rows = _protoRows ?? throw new InvalidOperationException("This workload was built without its gRPC rows.");
        var request = new Proto.IngestRequest { ModelId = modelId, IdempotencyKey = key };
        var timestamp = Timestamp.FromDateTimeOffset(time);
        for (var i = 0; i < count; i++)
        {
            var template = rows[cursor];
            cursor = (cursor + 1) % PoolSize;
            var record = new Proto.Record
            {
                PredictionId = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{first + i}"),
                Timestamp = timestamp,
                Version = "v1",
                Prediction = template.Prediction,
                Actual = template.Actual,
            };
            record.Features.Add(template.Features);
            request.Records.Add(record);
        }

        return request;
    }

    private static string Numbered(string name, int copy) =>
        copy == 0 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}_{copy}");

    private byte[] JsonTail(double[] numeric, string[] categorical, double score, string? actual)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            // The record's opening brace and its first members are written per batch; this writes the rest of it.
            json.WriteStartObject();
            json.WriteStartObject("features");
            for (var i = 0; i < numeric.Length; i++)
            {
                json.WriteNumber(_numericNames[i], numeric[i]);
            }

            for (var i = 0; i < categorical.Length; i++)
            {
                json.WriteString(_categoricalNames[i], categorical[i]);
            }

            json.WriteEndObject();
            json.WriteStartObject("prediction");
            json.WriteNumber("score", Math.Round(score, 6));
            json.WriteEndObject();
            if (actual is not null)
            {
                json.WriteStartObject("actual");
                json.WriteString("label", actual);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        // Drop the leading '{': the per-batch part has opened the object already.
        return buffer.ToArray()[1..];
    }

    private Proto.Record ProtoRow(double[] numeric, string[] categorical, double score, string? actual)
    {
        var record = new Proto.Record { Prediction = new Proto.Prediction { Score = Math.Round(score, 6) } };
        for (var i = 0; i < numeric.Length; i++)
        {
            record.Features[_numericNames[i]] = new Proto.Value { Number = numeric[i] };
        }

        for (var i = 0; i < categorical.Length; i++)
        {
            record.Features[_categoricalNames[i]] = new Proto.Value { Text = categorical[i] };
        }

        if (actual is not null)
        {
            record.Actual = new Proto.Actual { Label = new Proto.Value { Text = actual } };
        }

        return record;
    }
}
