using System.Globalization;
using System.Text.Json;
using OrleansEval.Client;

namespace OrleansEval.LoadGenerator;

/// <summary>
/// A generated flight-delay classifier for the replay mode: 5 features (distance, departure hour and taxi-out time,
/// numeric; carrier and origin, categorical), a score from a logistic model of them and the actual drawn from that
/// score in every record. Production drifts a little more each week: longer flights, slower taxiing from the ninth
/// week, and a carrier the reference never saw from the thirteenth, so the weekly answers differ as a real replay's do.
/// Every record is drawn from one seeded generator, so a run is the same data every time.
/// </summary>
internal sealed class ReplayScenario
{
    /// <summary>The numeric features, then the categorical ones, as the model defines them.</summary>
    public static readonly string[] NumericFeatures = ["distance", "dep_hour", "taxi_out"];

    public static readonly string[] CategoricalFeatures = ["carrier", "origin"];

    private static readonly string[] Carriers = ["AA", "DL", "UA", "WN", "B6", "AS", "NK", "F9"];
    private const string NewCarrier = "G4";
    private const int Origins = 24;

    private readonly Random _random;

    public ReplayScenario(int seed) => _random = new Random(seed);

    public static ModelDefinition Model => new()
    {
        Task = "binary_classification",
        PositiveLabel = "1",
        NegativeLabel = "0",
        Threshold = 0.5,
        Bucket = "1h",
        Features = [.. NumericFeatures.Select(n => new ColumnDefinition(n, "numeric")), .. CategoricalFeatures.Select(c => new ColumnDefinition(c, "categorical"))],
    };

    /// <summary>
    /// JSON arrays of <paramref name="batch"/> records each, <paramref name="count"/> in all, spread evenly over
    /// [<paramref name="from"/>, <paramref name="to"/>) in time order; ids <c>{prefix}-{n}</c>. A record drifts by the
    /// whole weeks between <paramref name="driftFrom"/> and its time (none before it).
    /// </summary>
    public List<byte[]> Batches(string prefix, int count, int batch, DateTimeOffset from, DateTimeOffset to, DateTimeOffset driftFrom)
    {
        var step = (to - from) / count;
        var batches = new List<byte[]>((count + batch - 1) / batch);
        for (var first = 0; first < count; first += batch)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartArray();
                for (var n = first; n < Math.Min(count, first + batch); n++)
                {
                    var time = from + (step * n);
                    var week = time < driftFrom ? -1 : (int)((time - driftFrom).TotalDays / 7);
                    WriteRecord(json, string.Create(CultureInfo.InvariantCulture, $"{prefix}-{n}"), time, week);
                }

                json.WriteEndArray();
            }

            batches.Add(buffer.ToArray());
        }

        return batches;
    }

    private void WriteRecord(Utf8JsonWriter json, string id, DateTimeOffset time, int week)
    {
        var drift = Math.Max(week, 0);
        var distance = Math.Round(Math.Exp(6.6 + (0.015 * drift) + (0.6 * Normal())), 0);
        var hour = _random.Next(5, 24);
        var taxiOut = Math.Round(8 + (_random.NextDouble() < 0.5 ? 0 : 4) + Exponential(week >= 8 ? 9 + (0.5 * (week - 8)) : 9), 1);
        var carrier = week >= 12 && _random.NextDouble() < 0.1 ? NewCarrier : Carriers[Zipf(Carriers.Length)];
        var origin = string.Create(CultureInfo.InvariantCulture, $"AP{Zipf(Origins):D2}");
        var score = 1 / (1 + Math.Exp(-(-2.2 + (0.08 * (taxiOut - 15)) + (0.06 * (hour - 14)) + (distance > 2000 ? 0.3 : 0) + (carrier == "NK" ? 0.4 : 0))));
        var actual = _random.NextDouble() < score ? "1" : "0";

        json.WriteStartObject();
        json.WriteString("predictionId", id);
        json.WriteString("timestamp", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("version", ReplayRun.Version);
        json.WriteStartObject("features");
        json.WriteNumber("distance", distance);
        json.WriteNumber("dep_hour", hour);
        json.WriteNumber("taxi_out", taxiOut);
        json.WriteString("carrier", carrier);
        json.WriteString("origin", origin);
        json.WriteEndObject();
        json.WriteStartObject("prediction");
        json.WriteNumber("score", Math.Round(score, 6));
        json.WriteEndObject();
        json.WriteStartObject("actual");
        json.WriteString("label", actual);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private double Normal() => Math.Sqrt(-2.0 * Math.Log(1.0 - _random.NextDouble())) * Math.Cos(2.0 * Math.PI * _random.NextDouble());

    private double Exponential(double mean) => -mean * Math.Log(1.0 - _random.NextDouble());

    // Index i of n with probability proportional to 1 / (i + 1).
    private int Zipf(int n)
    {
        var total = 0.0;
        for (var i = 1; i <= n; i++)
        {
            total += 1.0 / i;
        }

        var u = _random.NextDouble() * total;
        for (var i = 0; i < n; i++)
        {
            u -= 1.0 / (i + 1);
            if (u < 0)
            {
                return i;
            }
        }

        return n - 1;
    }
}
