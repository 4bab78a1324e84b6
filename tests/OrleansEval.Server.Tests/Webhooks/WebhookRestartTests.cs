using System.Net;
using OrleansEval.Alerts;
using OrleansEval.Server.Tests.Hosting;
using OrleansEval.Server.Tests.Storage;
using OrleansEval.Testing;
using static OrleansEval.Server.Tests.Http.ApiAssertions;
using static OrleansEval.Server.Tests.Webhooks.WebhookServerFixture;

namespace OrleansEval.Server.Tests.Webhooks;

/// <summary>A webhook's cursor is durable: a silo replaced mid-delivery resumes after the last delivered alert, without waiting for a new one.</summary>
[Collection(AzuriteTestGroup.Name)]
public sealed class WebhookRestartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Delivery_InterruptedBySiloRestart_ResumesFromTheDurableCursor_EachAlertOnceInOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var model = NewModelId("hookrs");
        var failing = true;
        long first;
        System.Collections.Immutable.ImmutableArray<Alert> raised;

        // The first alert (psi 0.31) is delivered before the restart; the next ones fail until after it.
        receiver.Answer = r => failing && r.Json["value"]!.GetValue<double>() != 0.31 ? 503 : 200;
        await using (var before = new ServerFactory(azurite.ConnectionString, settings: Settings))
        {
            using var client = before.CreateClient();
            using var put = await client.PutAsync($"/v1/webhooks/{model}", Json($$"""{"url": "{{receiver.Url(model)}}", "models": ["{{model}}"]}"""));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            first = (await RaiseAsync(before.Services, Alert(model, AlertState.Firing, 0.31)))[0].Sequence;
            raised = [.. (await RaiseAsync(before.Services, Alert(model, AlertState.Resolved, 0.05), Alert(model, AlertState.Firing, 0.4)))];
            await Eventually.UntilAsync(() => receiver.To(model).Count >= 3, "the second alert failed twice", TimeSpan.FromSeconds(30));
        }

        failing = false;
        var failedBefore = receiver.To(model).Count(r => r.Status == 503);
        await using var after = new ServerFactory(azurite.ConnectionString, settings: Settings);
        _ = after.Services;
        await Eventually.UntilAsync(() => receiver.Delivered(model).Count >= 3, "all three alerts delivered after the restart", TimeSpan.FromSeconds(60));

        var sequences = receiver.Delivered(model).Select(r => r.Json["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal([first, raised[0].Sequence, raised[1].Sequence], sequences);
        Assert.True(failedBefore >= 2, $"{failedBefore} failures before the restart");
    }
}
