using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansEval.Server.Tests.Examples;

/// <summary>
/// The weather scenario's production records as the row store should hold them after the test's actuals: sent without
/// actuals, then a late actual for every record but each fifth, then a correction (the other label) for each seventh
/// of those. What a slice's examples must answer is computed here from the file, independently of the service.
/// </summary>
internal sealed class WeatherRows
{
    public WeatherRows(string scenarioDirectory)
    {
        var lines = File.ReadLines(Path.Combine(scenarioDirectory, "scenario-weather-production.jsonl")).Where(l => l.Length > 0);
        Records = [.. lines.Select((line, i) => Expected(JsonNode.Parse(line)!.AsObject(), i))];
    }

    /// <summary>One record as it should come back.</summary>
    public sealed record Row(string Id, DateTimeOffset Time, string Location, double TempMax, JsonObject Features, string Predicted, double Score, string FileActual, string? Actual, bool Late, bool Corrected);

    public IReadOnlyList<Row> Records { get; }

    /// <summary>The rows in <c>location = Seattle</c> and <c>temp_max in [10, inf)</c> with event times in [from, to), newest first.</summary>
    public List<Row> SeattleWarm(DateTimeOffset from, DateTimeOffset to) =>
    [
        .. Records
            .Where(r => r.Location == "Seattle" && r.TempMax >= 10 && r.Time >= from && r.Time < to)
            .OrderByDescending(r => r.Time)
            .ThenBy(r => r.Id, StringComparer.Ordinal),
    ];

    /// <summary>Posts the late actuals and then the corrections.</summary>
    public async Task SendActualsAsync(HttpClient client, string modelId)
    {
        await PostAsync(client, modelId, Records.Where(r => r.Late).Select(r => (r.Id, r.FileActual)));
        await PostAsync(client, modelId, Records.Where(r => r.Corrected).Select(r => (r.Id, r.Actual!)));
    }

    private static async Task PostAsync(HttpClient client, string modelId, IEnumerable<(string Id, string Label)> actuals)
    {
        foreach (var chunk in actuals.Chunk(500))
        {
            var body = new StringBuilder();
            foreach (var (id, label) in chunk)
            {
                body.Append(new JsonObject { ["predictionId"] = id, ["actual"] = new JsonObject { ["label"] = label } }.ToJsonString()).Append('\n');
            }

            using var response = await client.PostAsync($"/v1/models/{modelId}/actuals", new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"));
            response.EnsureSuccessStatusCode();
            var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(chunk.Length, answer["accepted"]!.GetValue<int>());
        }
    }

    private static Row Expected(JsonObject source, int index)
    {
        var features = source["features"]!.AsObject();
        var fileActual = source["actual"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture);
        var late = index % 5 != 0;
        var corrected = late && index % 7 == 0;
        var actual = !late ? null : corrected ? (fileActual == "1" ? "0" : "1") : fileActual;
        return new Row(
            source["prediction_id"]!.GetValue<string>(),
            DateTimeOffset.Parse(source["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture),
            features["location"]!.GetValue<string>(),
            features["temp_max"]!.GetValue<double>(),
            features,
            source["prediction"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture),
            source["score"]!.GetValue<double>(),
            fileActual,
            actual,
            late,
            corrected);
    }
}
