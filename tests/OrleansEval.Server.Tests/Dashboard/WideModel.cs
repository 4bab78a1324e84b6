using System.Globalization;
using System.Text.Json.Nodes;

namespace OrleansEval.Server.Tests.Dashboard;

/// <summary>
/// A binary classifier of twenty numeric features, with a reference month and 90 production days of records (40 a
/// day) whose features drift at different speeds: the overview's size the dashboard must draw in under a second.
/// </summary>
internal static class WideModel
{
    public const string ModelId = "dash-wide";

    public const int Features = 20;

    public const string From = "2014-01-01T00:00:00Z";

    public const string To = "2014-04-01T00:00:00Z";

    private const int PerDay = 40;

    /// <summary>Registers the model, sends its records and freezes its training baseline.</summary>
    public static async Task CreateAsync(DashboardServer server)
    {
        var features = new JsonArray(Enumerable.Range(0, Features).Select(f => (JsonNode)new JsonObject { ["name"] = Name(f), ["type"] = "numeric" }).ToArray());
        await server.SendAsync(HttpMethod.Put, $"/v1/models/{ModelId}",
            new JsonObject { ["task"] = "binary_classification", ["positiveLabel"] = "1", ["negativeLabel"] = "0", ["features"] = features }.ToJsonString());
        var random = new Random(16);
        var reference = Enumerable.Range(0, 30 * PerDay).Select(i => Record(random, i, new DateTimeOffset(2013, 12, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i * 36), "training", 0));
        var production = Enumerable.Range(0, 90 * PerDay).Select(i => Record(random, i, new DateTimeOffset(2014, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i * 36), "production", i / (90.0 * PerDay)));
        foreach (var batch in reference.Concat(production).Chunk(1_000))
        {
            await server.SendAsync(HttpMethod.Post, $"/v1/models/{ModelId}/records", string.Join('\n', batch), "application/x-ndjson");
        }

        await server.SendAsync(HttpMethod.Put, $"/v1/models/{ModelId}/baselines/training", """{"version": "v1", "environment": "training"}""");
    }

    private static string Name(int feature) => $"f{feature.ToString("D2", CultureInfo.InvariantCulture)}";

    /// <summary>One record; feature f moves by f/10 standard deviations over the whole production window.</summary>
    private static string Record(Random random, int index, DateTimeOffset at, string environment, double progress)
    {
        var values = new JsonObject();
        var sum = 0.0;
        for (var f = 0; f < Features; f++)
        {
            var value = Gaussian(random) + (progress * f / 10.0);
            values[Name(f)] = Math.Round(value, 4);
            sum += f < 3 ? value : 0;
        }

        var score = 1 / (1 + Math.Exp(-sum / 2));
        return new JsonObject
        {
            ["predictionId"] = $"{environment}-{index.ToString(CultureInfo.InvariantCulture)}",
            ["timestamp"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["version"] = "v1",
            ["environment"] = environment,
            ["features"] = values,
            ["prediction"] = new JsonObject { ["score"] = Math.Round(score, 4), ["label"] = score >= 0.5 ? "1" : "0" },
            ["actual"] = new JsonObject { ["label"] = random.NextDouble() < score ? "1" : "0" },
        }.ToJsonString();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
