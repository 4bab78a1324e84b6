using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using OrleansEval.Gateway.Alerts;
using OrleansEval.Gateway.Drift;
using OrleansEval.Gateway.Grpc.V1;
using OrleansEval.Gateway.Performance;

namespace OrleansEval.Gateway.Grpc;

/// <summary>Drift, performance and the alert stream: the questions of the HTTP query string, answered with its documents.</summary>
internal sealed partial class OrleansEvalService
{
    public async Task<JsonReply> GetDrift(DriftRequest request, ServerCallContext context)
    {
        CheckModelId(request.ModelId);
        var query = Query(
            ("baseline", request.HasBaseline ? request.Baseline : null),
            ("version", request.HasVersion ? request.Version : null),
            ("environment", request.HasEnvironment ? request.Environment : null),
            ("from", request.HasFrom ? request.From : null),
            ("to", request.HasTo ? request.To : null));
        var (json, problem) = await DriftEndpoints.AnswerJsonAsync(request.ModelId, query, grains, time.GetUtcNow());
        return Reply(json, problem);
    }

    public async Task<JsonReply> GetPerformance(PerformanceRequest request, ServerCallContext context)
    {
        CheckModelId(request.ModelId);
        var query = Query(
            ("version", request.HasVersion ? request.Version : null),
            ("environment", request.HasEnvironment ? request.Environment : null),
            ("from", request.HasFrom ? request.From : null),
            ("to", request.HasTo ? request.To : null),
            ("granularity", request.HasGranularity ? request.Granularity : null));
        var slice = request.HasSlice ? request.Slice : "all";
        var (json, problem) = await PerformanceEndpoints.AnswerJsonAsync(request.ModelId, slice, query, grains, time.GetUtcNow());
        return Reply(json, problem);
    }

    public async Task WatchAlerts(WatchAlertsRequest request, IServerStreamWriter<AlertMessage> responseStream, ServerCallContext context)
    {
        if (request.HasModelId)
        {
            CheckModelId(request.ModelId);
        }

        var feed = services.GetService<IAlertFeed>()
            ?? throw new RpcException(new Status(StatusCode.Unimplemented, "alerts: this gateway has no alert feed"));
        var modelId = request.HasModelId ? request.ModelId : null;
        await foreach (var item in feed.SubscribeAsync(request.AfterSequence, modelId, context.CancellationToken))
        {
            var message = item is { Lagged: false, Alert: { } alert } ? AlertMessages.From(alert) : new AlertMessage { Lagged = true };
            await responseStream.WriteAsync(message, context.CancellationToken);
        }
    }

    private static QueryCollection Query(params (string Name, string? Value)[] fields) =>
        new(fields.Where(f => f.Value is not null).ToDictionary(f => f.Name, f => new StringValues(f.Value), StringComparer.OrdinalIgnoreCase));

    private static JsonReply Reply(byte[]? json, IResult? problem) =>
        problem is not null ? throw GrpcProblems.From(problem) : new JsonReply { Json = Encoding.UTF8.GetString(json!) };
}
