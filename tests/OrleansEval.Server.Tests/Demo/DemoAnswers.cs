using OrleansEval.Server.Demo;

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

    public static async Task<string[]> ReadAsync(HttpClient client, string modelId) =>
        await Task.WhenAll(Queries.Select(async query =>
            (await client.GetStringAsync($"/v1/models/{modelId}{query}")).Replace(modelId, "{model}", StringComparison.Ordinal)));
}
