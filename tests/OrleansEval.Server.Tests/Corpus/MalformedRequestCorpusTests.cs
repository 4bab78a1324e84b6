using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansEval.Keys;
using Xunit.Abstractions;

namespace OrleansEval.Server.Tests.Corpus;

/// <summary>
/// The malformed-request corpus against a real Kestrel server on 127.0.0.1: every request gets a complete answer that
/// is not a 5xx (over gRPC: a status, never UNKNOWN, and for a well-framed message OK or a reasoned refusal), no
/// refusal echoes what was sent, and afterwards /healthz answers, a valid batch is counted and no model has a name
/// the rules refuse.
/// </summary>
public sealed class MalformedRequestCorpusTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Model = """{"task": "binary_classification", "features": [{"name": "x", "type": "numeric"}, {"name": "loc", "type": "categorical"}], "tags": [{"name": "region", "type": "categorical"}]}""";

    private KestrelServer? _server;

    public Task InitializeAsync()
    {
        _server = KestrelServer.Start(new Dictionary<string, string>
        {
            ["Gateway:MaxBodyBytes"] = "1048576",
            ["Gateway:Admission:MaxConcurrentIngests"] = "64",
            ["Gateway:Admission:MaxQueuedIngests"] = "64",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Corpus_EveryMalformedRequest_GetsACompleteAnswerThatIsNotA5xx_AndTheServerStillServes()
    {
        using var target = new CorpusTarget(_server!, "corpus");
        await PutModelAsync(target);
        var cases = MalformedRequests.Generate(target.ModelId);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 24 }, async (@case, _) =>
        {
            if (await @case.RunAsync(target) is { } failure)
            {
                failures.Add($"{@case.Name}: {failure}");
            }
        });

        output.WriteLine($"{cases.Count} requests in {clock.Elapsed.TotalSeconds:0.0} s; {failures.Count} failed");
        foreach (var failure in failures.Order(StringComparer.Ordinal))
        {
            output.WriteLine(failure.Length > 400 ? failure[..400] : failure);
        }

        using var client = new HttpClient { BaseAddress = _server!.HttpAddress };
        using var health = await client.GetAsync("/healthz");
        using var ingest = await client.PostAsync($"/v1/models/{target.ModelId}/records", Json("""[{"predictionId": "after", "timestamp": "2013-01-01T00:00:00Z", "features": {"x": 1}}]"""));
        var answer = (await ingest.Content.ReadFromJsonAsync<JsonObject>())!;
        var models = (await client.GetFromJsonAsync<JsonObject>("/v1/models"))!["models"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();

        Assert.True(cases.Count >= 1_000, $"the corpus holds {cases.Count} requests");
        Assert.Empty(failures);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(1, answer["accepted"]!.GetValue<int>());
        Assert.All(models, m => Assert.True(NameRules.IsValidModelId(m), $"model '{m}' was created"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"the corpus took {clock.Elapsed}");
    }

    private static async Task PutModelAsync(CorpusTarget target)
    {
        using var client = new HttpClient { BaseAddress = target.Server.HttpAddress };
        using var created = await client.PutAsync($"/v1/models/{target.ModelId}", Json(Model));
        created.EnsureSuccessStatusCode();
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
