using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OrleansEval.GrainInterfaces;
using OrleansEval.Testing;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Auth;

/// <summary>With keys on: 401 without a known key, 403 without the scope, and a refused request changes nothing.</summary>
public sealed partial class ApiKeyTests(KeyedServerFixture server) : IClassFixture<KeyedServerFixture>
{
    private const string Model = """{"task": "regression", "features": [{"name": "x", "type": "numeric"}]}""";

    private static string Records(string id) =>
        $$$"""[{"predictionId": "{{{id}}}", "timestamp": "2013-01-01T00:00:00Z", "version": "v1", "environment": "production", "features": {"x": 1.5}, "prediction": {"value": 2.0}}]""";

    [Fact]
    public async Task ModelChange_WithoutKey_Is401WithBearerChallengeAndCreatesNothing()
    {
        var id = NewModelId("auth");
        using var anonymous = server.Client(null);

        using var refused = await anonymous.PutAsync($"/v1/models/{id}", Json(Model));

        var problem = await AssertProblemAsync(refused, HttpStatusCode.Unauthorized, "Authorization");
        Assert.Contains("Bearer", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("an API key is required", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var admin = server.Client(KeyedServerFixture.AdminKey);
        using var lookup = await admin.GetAsync($"/v1/models/{id}");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task Read_WithUnknownKey_Is401NamingTheKeyAsUnknown()
    {
        using var stranger = server.Client("oe.000000000000.not-a-key-of-this-server");

        using var refused = await stranger.GetAsync("/v1/models");

        var problem = await AssertProblemAsync(refused, HttpStatusCode.Unauthorized, "Authorization");
        Assert.Contains("unknown or revoked", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("invalid_token", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_WithReadKey_Is403NamingTheScopeAndIngestsNothing()
    {
        var id = await RegisterAsync();
        using var reader = server.Client(KeyedServerFixture.ReadKey);

        using var refused = await reader.PostAsync($"/v1/models/{id}/records", Json(Records("r-1")));

        var problem = await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "Authorization");
        Assert.Contains("scope 'ingest'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await reader.GetFromJsonAsync<JsonObject>($"/v1/models/{id}"))!["series"]!.AsArray());
    }

    [Fact]
    public async Task ModelChangeAndRead_WithIngestKey_Are403_WhileIngestIsAccepted()
    {
        var id = await RegisterAsync();
        using var pipeline = server.Client(KeyedServerFixture.IngestKey);

        using var change = await pipeline.PutAsync($"/v1/models/{id}", Json(Model.Replace("\"x\"", "\"y\"", StringComparison.Ordinal)));
        using var read = await pipeline.GetAsync($"/v1/models/{id}");
        using var ingest = await pipeline.PostAsync($"/v1/models/{id}/records", Json(Records("i-1")));

        await AssertProblemAsync(change, HttpStatusCode.Forbidden, "Authorization");
        await AssertProblemAsync(read, HttpStatusCode.Forbidden, "Authorization");
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        using var admin = server.Client(KeyedServerFixture.AdminKey);
        var model = (await admin.GetFromJsonAsync<JsonObject>($"/v1/models/{id}"))!;
        Assert.Equal(1, model["series"]!.AsArray().Single()!["records"]!.GetValue<long>());
        Assert.DoesNotContain("\"y\"", model.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatedKey_IsAnsweredOnce_ListedWithoutSecret_WorksForItsScope_AndFailsOnceRevoked()
    {
        var id = await RegisterAsync();
        using var admin = server.Client(KeyedServerFixture.AdminKey);

        using var created = await admin.PostAsync("/v1/keys", Json("""{"name": "batch-job", "scopes": ["ingest"]}"""));
        var answer = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var key = answer["key"]!.GetValue<string>();
        var keyId = answer["id"]!.GetValue<string>();
        var listing = await admin.GetStringAsync("/v1/keys");
        using var job = server.Client(key);
        using var ingest = await job.PostAsync($"/v1/models/{id}/records", Json(Records("k-1")));
        using var read = await job.GetAsync($"/v1/models/{id}");
        using var revoked = await admin.DeleteAsync($"/v1/keys/{keyId}");
        using var afterRevocation = await job.PostAsync($"/v1/models/{id}/records", Json(Records("k-2")));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains(keyId, listing, StringComparison.Ordinal);
        Assert.Contains("batch-job", listing, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Split('.')[2], listing, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", listing, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(KeyedServerFixture.AdminKey, listing, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await AssertProblemAsync(afterRevocation, HttpStatusCode.Unauthorized, "Authorization");
        var model = (await admin.GetFromJsonAsync<JsonObject>($"/v1/models/{id}"))!;
        Assert.Equal(1, model["series"]!.AsArray().Single()!["records"]!.GetValue<long>());
    }

    [Fact]
    public async Task KeyListAndCreation_WithReadKey_Are403()
    {
        using var reader = server.Client(KeyedServerFixture.ReadKey);

        using var list = await reader.GetAsync("/v1/keys");
        using var create = await reader.PostAsync("/v1/keys", Json("""{"name": "escalated", "scopes": ["admin"]}"""));

        await AssertProblemAsync(list, HttpStatusCode.Forbidden, "Authorization");
        await AssertProblemAsync(create, HttpStatusCode.Forbidden, "Authorization");
    }

    [Fact]
    public async Task KeyRevokedThroughAnotherGateway_StopsWorkingHereWithinTheCacheTtl()
    {
        using var admin = server.Client(KeyedServerFixture.AdminKey);
        using var created = await admin.PostAsync("/v1/keys", Json("""{"name": "elsewhere", "scopes": ["read"]}"""));
        var answer = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        using var reader = server.Client(answer["key"]!.GetValue<string>());
        using (var before = await reader.GetAsync("/v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Straight to the registry, as another gateway's DELETE does: this gateway's copy is not told.
        var grains = server.Factory.Services.GetRequiredService<IGrainFactory>();
        var clock = Stopwatch.StartNew();
        Assert.True(await grains.GetGrain<IApiKeyRegistryGrain>(0).RevokeAsync(answer["id"]!.GetValue<string>()));

        await Eventually.UntilAsync(
            async () =>
            {
                using var response = await reader.GetAsync("/v1/models");
                return response.StatusCode;
            },
            status => status == HttpStatusCode.Unauthorized,
            status => $"the revoked key still answered {status}",
            KeyedServerFixture.CacheTtl * 3);
        Assert.True(clock.Elapsed < KeyedServerFixture.CacheTtl + TimeSpan.FromSeconds(2), $"revocation took {clock.Elapsed}");
    }

    [Fact]
    public async Task CrossSiteTextPost_WithoutKey_Is403NotIngested_AndHostOfAnotherNameIsRefused()
    {
        var id = await RegisterAsync();
        using var anonymous = server.Client(null);
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/v1/models/{id}/records")
        {
            Content = new StringContent(Records("x-1"), Encoding.UTF8, "text/plain"),
        };
        post.Headers.Add("Origin", "http://evil.example");
        using var foreignHost = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        foreignHost.Headers.Host = "evil.example";

        using var refused = await anonymous.SendAsync(post);
        using var hostRefused = await anonymous.SendAsync(foreignHost);

        var problem = await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "Origin");
        Assert.Contains("cross-site", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, hostRefused.StatusCode);
        using var admin = server.Client(KeyedServerFixture.AdminKey);
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>($"/v1/models/{id}"))!["series"]!.AsArray());
    }

    [Fact]
    public async Task HealthAndDashboardShell_AnswerWithoutKey_AlertStreamNeedsOne()
    {
        using var anonymous = server.Client(null);
        using var reader = server.Client(KeyedServerFixture.ReadKey);

        using var health = await anonymous.GetAsync("/healthz");
        using var shell = await anonymous.GetAsync("/");
        using var streamRefused = await anonymous.GetAsync("/v1/alerts/stream", HttpCompletionOption.ResponseHeadersRead);
        using var stream = await reader.GetAsync("/v1/alerts/stream", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, shell.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, streamRefused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Logs_OfCreatingUsingAndRevokingKeys_NeverHoldASecret()
    {
        using var admin = server.Client(KeyedServerFixture.AdminKey);
        using var created = await admin.PostAsync("/v1/keys", Json("""{"name": "logged", "scopes": ["read", "ingest"]}"""));
        var answer = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var key = answer["key"]!.GetValue<string>();
        using var user = server.Client(key);
        using var wrong = server.Client(key + "x");
        (await user.GetAsync("/v1/models")).Dispose();
        (await wrong.GetAsync("/v1/models")).Dispose();
        (await server.Client(KeyedServerFixture.IngestKey).PutAsync("/v1/models/logged", Json(Model))).Dispose();
        (await admin.DeleteAsync($"/v1/keys/{answer["id"]!.GetValue<string>()}")).Dispose();

        var secrets = new[] { key.Split('.')[2], KeyedServerFixture.AdminKey, KeyedServerFixture.ReadKey, KeyedServerFixture.IngestKey };
        var logs = server.Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Trace);
        Assert.Contains(logs, log => log.Message.Contains("created", StringComparison.Ordinal) && log.Message.Contains("logged", StringComparison.Ordinal));
        Assert.Contains(logs, log => log.Message.Contains("Refused", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs, log => log.ToString().Contains(secret, StringComparison.Ordinal) || (log.Exception?.ToString().Contains(secret, StringComparison.Ordinal) ?? false));
        }
    }

    private async Task<string> RegisterAsync()
    {
        var id = NewModelId("auth");
        using var admin = server.Client(KeyedServerFixture.AdminKey);
        using var response = await admin.PutAsync($"/v1/models/{id}", Json(Model));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }
}
