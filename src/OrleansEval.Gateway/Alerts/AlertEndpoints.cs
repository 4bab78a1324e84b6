using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Alerts;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Alerts;

/// <summary>GET /v1/alerts (history) and GET /v1/alerts/stream (Server-Sent Events, resumable with Last-Event-ID).</summary>
internal static class AlertEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/alerts", ListAsync)
            .Produces<AlertListAnswer>()
            .WithMetadata(
            [
                new QueryParameter("model", "Only the alerts of this model (default: every model).", "weather"),
                new QueryParameter("state", "firing or resolved (default: both).", "firing"),
                new QueryParameter("from", "Only alerts raised at or after this instant, RFC 3339.", "2013-07-01T00:00:00Z"),
                new QueryParameter("to", "Only alerts raised before this instant, RFC 3339.", "2013-08-01T00:00:00Z"),
                new QueryParameter("after", "Only alerts after this sequence number (default 0).", "2"),
                new QueryParameter("limit", "At most this many alerts, 1 to 10000 (default 1000).", "100"),
            ]);
        routes.MapGet("/v1/alerts/stream", StreamAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .WithMetadata(
            [
                new QueryParameter("model", "Only the alerts of this model (default: every model).", "weather"),
                new QueryParameter("after", "Resume after this sequence number, as the Last-Event-ID header does.", "2"),
                new QueryParameter("modelId", "The same as `model`, read when `model` is absent.", "weather"),
            ]);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IGrainFactory grains)
    {
        var (query, problem) = ReadQuery(request);
        if (problem is not null)
        {
            return problem;
        }

        var alerts = await grains.GetGrain<IAlertLogGrain>(0).ListAsync(query!);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("alerts");
            foreach (var alert in alerts)
            {
                AlertJson.Write(json, alert);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Results.Bytes(buffer.WrittenSpan.ToArray(), "application/json");
    }

    private static async Task StreamAsync(HttpContext context, IAlertFeed feed)
    {
        var model = context.Request.Query["model"].FirstOrDefault() ?? context.Request.Query["modelId"].FirstOrDefault();
        if (model is not null && NameChecks.Problem("model", NameKind.Model, model) is { } invalidModel)
        {
            await invalidModel.ExecuteAsync(context);
            return;
        }

        var resumeFrom = context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? context.Request.Query["after"].FirstOrDefault();
        long after = 0;
        if (resumeFrom is not null && !long.TryParse(resumeFrom, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            await Problems.BadRequest("Last-Event-ID", "must be the sequence number of an alert").ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.WriteAsync("retry: 2000\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await foreach (var item in feed.SubscribeAsync(after, model, context.RequestAborted))
            {
                var text = item.Alert is { } alert
                    ? $"id: {alert.Sequence.ToString(CultureInfo.InvariantCulture)}\nevent: alert\ndata: {Encoding.UTF8.GetString(AlertJson.Write(alert))}\n\n"
                    : "event: lagged\ndata: {\"reason\": \"this subscriber fell behind; reconnect with Last-Event-ID to resume\"}\n\n";
                await context.Response.WriteAsync(text, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The subscriber went away.
        }
    }

    private static (AlertQuery? Query, IResult? Problem) ReadQuery(HttpRequest request)
    {
        var query = request.Query;
        var model = query["model"].FirstOrDefault();
        if (model is not null && NameChecks.Problem("model", NameKind.Model, model) is { } invalidModel)
        {
            return (null, invalidModel);
        }

        AlertState? state = null;
        if (query["state"].FirstOrDefault() is { } stateText)
        {
            if (stateText is not ("firing" or "resolved"))
            {
                return (null, Problems.BadRequest("state", "must be firing or resolved"));
            }

            state = stateText == "firing" ? AlertState.Firing : AlertState.Resolved;
        }

        DateTimeOffset? from = null, to = null;
        if (query["from"].FirstOrDefault() is { } fromText)
        {
            if (!Timestamps.TryParse(fromText, out var value))
            {
                return (null, Problems.BadRequest("from", Timestamps.Problem(fromText)));
            }

            from = value;
        }

        if (query["to"].FirstOrDefault() is { } toText)
        {
            if (!Timestamps.TryParse(toText, out var value))
            {
                return (null, Problems.BadRequest("to", Timestamps.Problem(toText)));
            }

            to = value;
        }

        long after = 0;
        if (query["after"].FirstOrDefault() is { } afterText && !long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            return (null, Problems.BadRequest("after", "must be an alert sequence number"));
        }

        var limit = 1_000;
        if (query["limit"].FirstOrDefault() is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 10_000))
        {
            return (null, Problems.BadRequest("limit", "must be between 1 and 10000"));
        }

        return (new AlertQuery(model, state, from, to, after, limit), null);
    }
}
