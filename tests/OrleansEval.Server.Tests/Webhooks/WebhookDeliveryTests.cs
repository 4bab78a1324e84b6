using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OrleansEval.Alerts;
using OrleansEval.Testing;
using static OrleansEval.Server.Tests.Http.ApiAssertions;
using static OrleansEval.Server.Tests.Webhooks.WebhookServerFixture;

namespace OrleansEval.Server.Tests.Webhooks;

/// <summary>Webhooks against a local receiver: retries with backoff after failures and a hang, order, signatures, formats, 410, bad input.</summary>
public sealed class WebhookDeliveryTests(WebhookServerFixture server) : IClassFixture<WebhookServerFixture>
{
    private const string Secret = "a-secret-of-24-bytes-ok!";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Delivery_ToAReceiverThatHangsThenFails_IsRetriedWithGrowingWaitsInOrderAndSigned()
    {
        var (model, path) = Names("retry");
        var answered = 0;
        server.Receiver.Answer = r => r.Path != "/" + path ? 200 : Interlocked.Increment(ref answered) switch
        {
            1 => null,
            2 or 3 => 503,
            _ => 200,
        };
        await PutAsync(path, $$"""{"url": "{{server.Receiver.Url(path)}}", "models": ["{{model}}"], "secret": "{{Secret}}"}""");

        var raised = await RaiseAsync(server.Factory.Services, Alert(model, AlertState.Firing, 0.31), Alert(model, AlertState.Resolved, 0.05), Alert(model, AlertState.Firing, 0.4));
        await Eventually.UntilAsync(() => server.Receiver.Delivered(path).Count >= 3, "three alerts delivered", Deadline);

        var attempts = server.Receiver.To(path);
        var delivered = server.Receiver.Delivered(path);
        Assert.Equal(raised.Select(a => a.Sequence), delivered.Select(r => r.Json["sequence"]!.GetValue<long>()));
        Assert.All(attempts.Take(4), a => Assert.Equal(raised[0].Sequence, a.Json["sequence"]!.GetValue<long>()));
        Assert.All(attempts, a => Assert.Equal(Sign(a.Body), a.Signature));

        // Waits of 200 ms then 400 ms, less at most half as jitter, after the hang (1 s) and each 503.
        Assert.True(attempts[2].At - attempts[1].At >= TimeSpan.FromMilliseconds(100), $"{attempts[2].At - attempts[1].At}");
        Assert.True(attempts[3].At - attempts[2].At >= TimeSpan.FromMilliseconds(200), $"{attempts[3].At - attempts[2].At}");
        var status = await Eventually.UntilAsync(() => GetAsync(path), s => s["deliveries"]!.AsArray().Count == 3, s => s.ToJsonString(), Deadline);
        Assert.Equal(raised[^1].Sequence, status["cursor"]!.GetValue<long>());
        Assert.Equal([null, 503, 503], status["failures"]!.AsArray().Select(f => f!["status"]?.GetValue<int>()).Reverse());
        Assert.Contains("no answer within 1 s", status["failures"]![2]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(status["hasSecret"]!.GetValue<bool>());
        Assert.DoesNotContain(Secret, status.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receiver_Answering410_DisablesTheWebhook_AndNothingMoreIsSentToIt()
    {
        var (model, gonePath) = Names("gone");
        var witnessPath = gonePath + "-witness";
        server.Receiver.Answer = r => r.Path == "/" + gonePath ? 410 : 200;
        await PutAsync(gonePath, $$"""{"url": "{{server.Receiver.Url(gonePath)}}", "models": ["{{model}}"]}""");

        await RaiseAsync(server.Factory.Services, Alert(model, AlertState.Firing, 0.31));
        var status = await Eventually.UntilAsync(() => GetAsync(gonePath), s => !s["enabled"]!.GetValue<bool>(), s => s.ToJsonString(), Deadline);
        await PutAsync(witnessPath, $$"""{"url": "{{server.Receiver.Url(witnessPath)}}", "models": ["{{model}}"]}""");
        var later = await RaiseAsync(server.Factory.Services, Alert(model, AlertState.Resolved, 0.05));
        await Eventually.UntilAsync(() => server.Receiver.Delivered(witnessPath).Count == 1, "the later alert delivered to the other webhook", Deadline);

        Assert.Contains("410", status["disabledReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(server.Receiver.To(gonePath));
        Assert.Equal(later[0].Sequence, server.Receiver.Delivered(witnessPath)[0].Json["sequence"]!.GetValue<long>());
        Assert.False((await GetAsync(gonePath))["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task SlackAndPagerDuty_GetTheirOwnBodies_AndStatesFilterWhatIsSent()
    {
        var (model, path) = Names("fmt");
        server.Receiver.Answer = _ => 202;
        await PutAsync(path + "-pd", $$"""{"url": "{{server.Receiver.Url(path + "-pd")}}", "models": ["{{model}}"], "format": "pagerduty", "routingKey": "R0UT1NGKEY"}""");
        await PutAsync(path + "-slack", $$"""{"url": "{{server.Receiver.Url(path + "-slack")}}", "models": ["{{model}}"], "format": "slack", "states": ["firing"]}""");

        await RaiseAsync(server.Factory.Services, Alert(model, AlertState.Firing, 0.31), Alert(model, AlertState.Resolved, 0.05));
        await Eventually.UntilAsync(() => server.Receiver.Delivered(path + "-pd").Count == 2, "trigger and resolve delivered", Deadline);
        await Eventually.UntilAsync(() => server.Receiver.Delivered(path + "-slack").Count == 1, "the firing alert posted to Slack", Deadline);

        var (trigger, resolve) = (server.Receiver.Delivered(path + "-pd")[0].Json, server.Receiver.Delivered(path + "-pd")[1].Json);
        Assert.Equal("trigger", trigger["event_action"]!.GetValue<string>());
        Assert.Equal("resolve", resolve["event_action"]!.GetValue<string>());
        Assert.Equal("R0UT1NGKEY", trigger["routing_key"]!.GetValue<string>());
        Assert.Equal($"orleanseval/{model}/wind/wind", trigger["dedup_key"]!.GetValue<string>());
        Assert.Equal(trigger["dedup_key"]!.GetValue<string>(), resolve["dedup_key"]!.GetValue<string>());
        Assert.Equal("error", trigger["payload"]!["severity"]!.GetValue<string>());
        Assert.Equal(0.31, trigger["payload"]!["custom_details"]!["value"]!.GetValue<double>());
        var slack = server.Receiver.Delivered(path + "-slack")[0].Json;
        Assert.StartsWith($"[firing] {model} / wind / wind: psi 0.31", slack["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("section", slack["blocks"]![0]!["type"]!.GetValue<string>());
        Assert.Null(server.Receiver.Delivered(path + "-slack")[0].Signature);
        Assert.DoesNotContain("R0UT1NGKEY", (await GetAsync(path + "-pd")).ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"url": "ftp://127.0.0.1/hook"}""", "url")]
    [InlineData("""{"url": "not a url"}""", "url")]
    [InlineData("""{"format": "json"}""", "url")]
    [InlineData("""{"url": "http://127.0.0.1/hook", "secret": "fifteen-bytes!!"}""", "secret")]
    [InlineData("""{"url": "http://127.0.0.1/hook", "format": "teams"}""", "format")]
    [InlineData("""{"url": "http://127.0.0.1/hook", "format": "pagerduty"}""", "routingKey")]
    [InlineData("""{"url": "http://127.0.0.1/hook", "routingKey": "R0UT1NGKEY"}""", "routingKey")]
    [InlineData("""{"url": "http://127.0.0.1/hook", "states": ["firing", "ok"]}""", "states[1]")]
    [InlineData("""{"url": "http://127.0.0.1/hook", "models": ["bad model"]}""", "models[0]")]
    [InlineData("""{"url": "http://127.0.0.1/hook", "colour": "red"}""", "colour")]
    public async Task Put_Invalid_Is400NamingTheField_AndDefinesNothing(string body, string field)
    {
        var name = $"bad-{Guid.NewGuid():N}"[..16];

        using var response = await server.Client.PutAsync($"/v1/webhooks/{name}", Json(body));
        using var after = await server.Client.GetAsync($"/v1/webhooks/{name}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task Delete_RemovesTheWebhookFromTheListing()
    {
        var (_, path) = Names("del");
        await PutAsync(path, $$"""{"url": "{{server.Receiver.Url(path)}}"}""");
        var listed = (await server.Client.GetFromJsonAsync<JsonObject>("/v1/webhooks"))!;

        using var deleted = await server.Client.DeleteAsync($"/v1/webhooks/{path}");
        using var again = await server.Client.DeleteAsync($"/v1/webhooks/{path}");
        var after = (await server.Client.GetFromJsonAsync<JsonObject>("/v1/webhooks"))!;

        Assert.Contains(listed["webhooks"]!.AsArray(), w => w!["name"]!.GetValue<string>() == path);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.DoesNotContain(after["webhooks"]!.AsArray(), w => w!["name"]!.GetValue<string>() == path);
    }

    private static (string Model, string Path) Names(string prefix) => (NewModelId(prefix), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);

    private static string Sign(byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));

    private async Task PutAsync(string name, string body)
    {
        using var response = await server.Client.PutAsync($"/v1/webhooks/{name}", Json(body));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonObject> GetAsync(string name) => (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/webhooks/{name}"))!;
}
