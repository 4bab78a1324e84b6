using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Webhooks;

namespace OrleansEval.Gateway.Webhooks;

/// <summary>/v1/webhooks: define, show (with the last deliveries and failures), list and remove webhooks.</summary>
internal static class WebhookEndpoints
{
    private const string RequestExample = """
        {"url": "https://alerts.example.com/orleanseval", "models": ["weather"], "states": ["firing", "resolved"], "format": "json", "secret": "a-shared-secret-of-32-characters"}
        """;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPut("/v1/webhooks/{name}", PutAsync).WithMetadata(new JsonRequest(typeof(WebhookRequest), Example: RequestExample)).Produces<WebhookDetailAnswer>();
        routes.MapGet("/v1/webhooks", ListAsync).Produces<WebhookListAnswer>();
        routes.MapGet("/v1/webhooks/{name}", GetAsync).Produces<WebhookDetailAnswer>();
        routes.MapDelete("/v1/webhooks/{name}", DeleteAsync).Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> PutAsync(string name, HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options)
    {
        if (NameChecks.Problem("name", NameKind.Name, name) is { } invalidName)
        {
            return invalidName;
        }

        var body = await JsonBody.ReadAsync<WebhookRequest>(request, options.Value);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (definition, problem) = WebhookRequestRules.ToDefinition(body.Value!);
        return problem ?? Results.Ok(WebhookAnswer.Of(await grains.GetGrain<IWebhookGrain>(name).PutAsync(definition!)));
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        var names = await grains.GetGrain<IWebhookRegistryGrain>(0).ListAsync();
        var statuses = await Task.WhenAll(names.Select(n => grains.GetGrain<IWebhookGrain>(n).GetAsync()));
        return Results.Ok(new { webhooks = statuses.OfType<WebhookStatus>().Select(WebhookAnswer.Summary) });
    }

    private static async Task<IResult> GetAsync(string name, IGrainFactory grains)
    {
        if (NameChecks.Problem("name", NameKind.Name, name) is { } invalidName)
        {
            return invalidName;
        }

        var status = await grains.GetGrain<IWebhookGrain>(name).GetAsync();
        return status is null ? Problems.NotFound("name", $"there is no webhook named '{name}'") : Results.Ok(WebhookAnswer.Of(status));
    }

    private static async Task<IResult> DeleteAsync(string name, IGrainFactory grains)
    {
        if (NameChecks.Problem("name", NameKind.Name, name) is { } invalidName)
        {
            return invalidName;
        }

        return await grains.GetGrain<IWebhookGrain>(name).DeleteAsync()
            ? Results.NoContent()
            : Problems.NotFound("name", $"there is no webhook named '{name}'");
    }
}
