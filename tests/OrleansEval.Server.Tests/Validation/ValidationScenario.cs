using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Validation;

/// <summary>
/// A binary classifier with a categorical region (r0–r4) and a numeric x, whose series score the prediction ids
/// p0…p4999 of one day with their actuals; production scores its own ids and its inputs are frozen as the baseline
/// <c>prod-march</c>. Every series is generated from the row number, so each test knows what every row is.
/// </summary>
internal sealed class ValidationScenario(HttpClient client, string modelId)
{
    public const int Count = 5_000;
    public const string Weak = "r3";
    public const string Window = """ "from": "2015-06-01T00:00:00Z", "to": "2015-06-02T00:00:00Z" """;
    private static readonly DateTimeOffset Day = new(2015, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Region(int i) => $"r{i % 5}";

    public static double X(int i) => i % 97;

    // The reference is right on 7 rows in 10 everywhere.
    public static bool ReferenceRight(int i) => i / 5 % 10 < 7;

    /// <summary>Registers the model, and sends production's rows (unlabelled, ids q…) and freezes them as the baseline.</summary>
    public async Task StartAsync()
    {
        using var registered = await client.PutAsync($"/v1/models/{modelId}", Json("""
            {"task": "binary_classification", "bucket": "1h",
             "features": [{"name": "region", "type": "categorical"}, {"name": "x", "type": "numeric"}]}
            """));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        await SendAsync("v1", "production", i => Region(i), X, ReferenceRight, "q");
        using var frozen = await client.PutAsync($"/v1/models/{modelId}/baselines/prod-march", Json("""
            {"version": "v1", "environment": "production", "from": "2015-06-01T00:00:00Z", "to": "2015-06-02T00:00:00Z"}
            """));
        Assert.True(frozen.IsSuccessStatusCode, await frozen.Content.ReadAsStringAsync());
    }

    /// <summary>Sends the labelled rows p0…p4999 of a series: each row's region, x, and whether its prediction is right.</summary>
    public async Task SendAsync(string version, string environment, Func<int, string> region, Func<int, double> x, Func<int, bool> right, string idPrefix = "p")
    {
        foreach (var chunk in Enumerable.Range(0, Count).Chunk(2_500))
        {
            var body = new StringBuilder();
            foreach (var i in chunk)
            {
                var record = new JsonObject
                {
                    ["predictionId"] = $"{idPrefix}{i}",
                    ["timestamp"] = Day.AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    ["version"] = version,
                    ["environment"] = environment,
                    ["features"] = new JsonObject { ["region"] = region(i), ["x"] = x(i) },
                    ["prediction"] = new JsonObject { ["label"] = right(i) ? "1" : "0" },
                    ["actual"] = new JsonObject { ["label"] = "1" },
                };
                body.Append(record.ToJsonString()).Append('\n');
            }

            using var response = await client.PostAsync($"/v1/models/{modelId}/records", new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>Validates v2@validation against v1@validation and production's baseline; asserts it was stored.</summary>
    public async Task<JsonObject> ValidateAsync()
    {
        using var response = await client.PostAsync($"/v1/models/{modelId}/validations", Json($$"""
            {"candidate": {"version": "v2", "environment": "validation"}, "reference": {"version": "v1", "environment": "validation"},
             "production": {"baseline": "prod-march"}, {{Window}}, "minSize": 100}
            """));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal($"/v1/models/{modelId}/validations/{report["id"]!.GetValue<string>()}", response.Headers.Location?.OriginalString);
        return report;
    }

    /// <summary>The rule named <paramref name="name"/> of a report.</summary>
    public static JsonNode Rule(JsonObject report, string name) =>
        report["rules"]!.AsArray().Single(r => r!["rule"]!.GetValue<string>() == name)!;
}
