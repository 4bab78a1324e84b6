using Microsoft.Extensions.Logging;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Demo;

/// <summary>What a demo model answers — its description with record counts and the README's three queries — with the model id masked, to compare two models.</summary>
public static class DemoAnswers
{
    public const int TrainingRecords = 732;
    public const int ProductionRecords = 2190;

    private static readonly string[] Queries =
    [
        "",
        $"/drift?baseline={WeatherScenario.Baseline}&version={WeatherScenario.Version}&from=2013-07-01T00:00:00Z&to=2013-08-01T00:00:00Z",
        "/performance?version=v1&from=2013-01-01T00:00:00Z&to=2014-01-01T00:00:00Z&granularity=month",
        "/slices?version=v1&from=2013-01-01T00:00:00Z&to=2016-01-01T00:00:00Z",
        "/monitors",
        "/compare?versions=v1,v2@shadow&from=2013-01-01T00:00:00Z&to=2014-01-01T00:00:00Z",
    ];

    /// <summary>The answers of <paramref name="modelId"/>; a failed query fails with its answer and the server's warnings.</summary>
    internal static async Task<string[]> ReadAsync(HttpClient client, string modelId, CapturedLogs logs) =>
        await Task.WhenAll(Queries.Select(async query =>
        {
            using var response = await client.GetAsync($"/v1/models/{modelId}{query}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"GET {query}: {(int)response.StatusCode} {body}{Environment.NewLine}{logs.Describe(LogLevel.Warning)}");
            return body.Replace(modelId, "{model}", StringComparison.Ordinal);
        }));
}
