using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OrleansEval.Testing;
using OrleansEval.Gateway.Admission;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Http;

/// <summary>
/// A node with one ingest slot and no queue: while the node works on one ingest, others are refused with 429 and kept
/// nowhere, and a refused batch sent again counts once; a request whose body is still arriving holds no slot.
/// </summary>
public sealed class AdmissionTests : IAsyncLifetime
{
    private ServerFactory? _factory;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new ServerFactory(settings: new Dictionary<string, string>
        {
            ["Gateway:Admission:MaxConcurrentIngests"] = "1",
            ["Gateway:Admission:MaxQueuedIngests"] = "0",
        });
        // Without redirects: the redirect handler reads a request body to the end before sending it, so it would never hold one.
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    private static string Records(int from, int count) =>
        $"[{string.Join(',', Enumerable.Range(from, count).Select(i => $$$"""{"predictionId": "p-{{{i}}}", "timestamp": "2024-01-01T00:00:00Z", "features": {"x": {{{i}}}}}"""))}]";

    private async Task<HttpResponseMessage> PostAsync(string path, string key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) };
        request.Headers.Add("Idempotency-Key", key);
        return await _client.SendAsync(request);
    }

    private async Task<long> CountedAsync(string modelId)
    {
        var model = (await _client.GetFromJsonAsync<JsonObject>($"/v1/models/{modelId}"))!;
        return model["series"]!.AsArray().Sum(s => s!["records"]!.GetValue<long>());
    }

    private AdmissionLimiter Limiter => _factory!.Services.GetRequiredService<AdmissionLimiter>();

    private async Task<string> NewModelAsync()
    {
        var id = NewModelId("admit");
        using var created = await _client.PutAsync($"/v1/models/{id}", Json("""{"task": "regression", "features": [{"name": "x", "type": "numeric"}]}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return id;
    }

    [Fact]
    public async Task Post_WhileTheNodeWorksOnAnotherIngest_Is429WithRetryAfter_KeepsNothing_AndTheResentBatchCountsOnce()
    {
        var id = await NewModelAsync();
        using var watch = new AdmissionWatch(_factory!.Services);

        // Another ingest at work holds the only slot.
        var working = await Limiter.TryEnterAsync("http", CancellationToken.None);
        using var refused = await PostAsync($"/v1/models/{id}/records", "second", Records(3, 2));
        using var refusedActuals = await PostAsync($"/v1/models/{id}/actuals", "late", """[{"predictionId": "p-0", "actual": 1.5}]""");
        var countedWhileHeld = await CountedAsync(id);
        working!.Dispose();
        using var resent = await PostAsync($"/v1/models/{id}/records", "second", Records(3, 2));
        var countedAfterResent = await CountedAsync(id);

        var problem = await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "body");
        Assert.Equal("Too many requests", problem["title"]!.GetValue<string>());
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) >= 1);
        await AssertProblemAsync(refusedActuals, HttpStatusCode.TooManyRequests, "body");
        Assert.True(refusedActuals.Headers.Contains("Retry-After"));
        Assert.Equal(2, watch.RefusedCount("http"));
        Assert.Equal(0, countedWhileHeld);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(2, countedAfterResent);
    }

    [Fact]
    public async Task Post_WhoseBodyIsStillArriving_HoldsNoSlot_SoAnotherIngestIsAdmitted()
    {
        var id = await NewModelAsync();
        var budget = _factory!.Services.GetRequiredService<BodyBudget>();
        using var held = new HeldContent(Records(0, 3));
        using var heldRequest = new HttpRequestMessage(HttpMethod.Post, $"/v1/models/{id}/records") { Content = held };
        heldRequest.Headers.Add("Idempotency-Key", "first");
        var first = _client.SendAsync(heldRequest);
        await Eventually.UntilAsync(() => budget.Reserved > 0, "reading the body", TimeSpan.FromSeconds(10));

        var inFlightWhileArriving = Limiter.InFlight;
        using var second = await PostAsync($"/v1/models/{id}/records", "second", Records(3, 2));
        held.Release();
        using var firstAnswer = await first;

        Assert.Equal(0, inFlightWhileArriving);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, firstAnswer.StatusCode);
        Assert.Equal(5, await CountedAsync(id));
    }

}
