using System.Globalization;
using System.Text.Json.Nodes;

namespace OrleansEval.Server.Tests.Dashboard;

/// <summary>
/// A binary classifier that never receives an actual: a reference month frozen as its training baseline (so it has no
/// calibration, hence no label-free estimate), then a month of production predictions by v1 and, on the same
/// prediction ids, by v2 in shadow, whose numeric feature drifts.
/// </summary>
internal static class UnlabelledModel
{
    public const string ModelId = "dash-unlabelled";

    public const string From = "2014-01-01T00:00:00Z";

    public const string To = "2014-02-01T00:00:00Z";

    private const int PerDay = 12;

    /// <summary>Registers the model, sends its predictions and freezes its training baseline.</summary>
    public static async Task CreateAsync(DashboardServer server)
    {
        await server.SendAsync(HttpMethod.Put, $"/v1/models/{ModelId}",
            """{"task": "binary_classification", "positiveLabel": "1", "negativeLabel": "0", "features": [{"name": "x", "type": "numeric"}, {"name": "colour", "type": "categorical"}]}""");
        var random = new Random(9);
        var reference = Enumerable.Range(0, 31 * PerDay).Select(i => Record(random, i, new DateTimeOffset(2013, 12, 1, 0, 0, 0, TimeSpan.Zero), "v1", "training", 0));
        var production = Enumerable.Range(0, 31 * PerDay).Select(i => Record(random, i, new DateTimeOffset(2014, 1, 1, 0, 0, 0, TimeSpan.Zero), "v1", "production", 1.5 * i / (31.0 * PerDay)));
        var shadow = Enumerable.Range(0, 31 * PerDay).Select(i => Record(random, i, new DateTimeOffset(2014, 1, 1, 0, 0, 0, TimeSpan.Zero), "v2", "shadow", 1.5 * i / (31.0 * PerDay)));
        await server.SendAsync(HttpMethod.Post, $"/v1/models/{ModelId}/records", string.Join('\n', reference.Concat(production).Concat(shadow)), "application/x-ndjson");
        await server.SendAsync(HttpMethod.Put, $"/v1/models/{ModelId}/baselines/training", """{"version": "v1", "environment": "training"}""");
    }

    /// <summary>One prediction without an actual, <paramref name="index"/> steps of two hours after <paramref name="start"/>.</summary>
    private static string Record(Random random, int index, DateTimeOffset start, string version, string environment, double shift)
    {
        var x = Math.Round(random.NextDouble() + shift, 4);
        var score = Math.Round(Math.Clamp(x / 2.5, 0, 1), 4);
        return new JsonObject
        {
            // Shadow predictions carry the production ids they were made beside, so the two versions pair.
            ["predictionId"] = (environment == "training" ? "reference-" : "p-") + index.ToString(CultureInfo.InvariantCulture),
            ["timestamp"] = start.AddHours(2 * index).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["version"] = version,
            ["environment"] = environment,
            ["features"] = new JsonObject { ["x"] = x, ["colour"] = index % 3 == 0 ? "red" : "blue" },
            ["prediction"] = new JsonObject { ["score"] = score, ["label"] = score >= 0.5 ? "1" : "0" },
        }.ToJsonString();
    }
}
