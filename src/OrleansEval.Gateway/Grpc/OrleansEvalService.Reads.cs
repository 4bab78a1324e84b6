using System.Text;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using OrleansEval.Gateway.Alerts;
using OrleansEval.Gateway.Drift;
using OrleansEval.Gateway.Grpc.V1;
using OrleansEval.Gateway.Performance;
using OrleansEval.Gateway.Queries;
using OrleansEval.Slices;

namespace OrleansEval.Gateway.Grpc;

/// <summary>Drift, performance and the alert stream: the reads of the query layer, answered with the HTTP documents.</summary>
internal sealed partial class OrleansEvalService
{
    // The model id's name in the read messages, which a failure names; HTTP calls it "modelId" after its path.
    private const string ModelIdField = "model_id";

    public async Task<JsonReply> GetDrift(DriftRequest request, ServerCallContext context)
    {
        var window = new WindowFields(
            Optional(request.HasVersion, request.Version),
            Optional(request.HasEnvironment, request.Environment),
            Optional(request.HasFrom, request.From),
            Optional(request.HasTo, request.To));
        var fields = new DriftFields(ModelIdField, request.ModelId, Optional(request.HasBaseline, request.Baseline), window);
        return Reply(await DriftRead.AnswerAsync(fields, grains, time.GetUtcNow()));
    }

    public async Task<JsonReply> GetPerformance(PerformanceRequest request, ServerCallContext context)
    {
        var window = new WindowFields(
            Optional(request.HasVersion, request.Version),
            Optional(request.HasEnvironment, request.Environment),
            Optional(request.HasFrom, request.From),
            Optional(request.HasTo, request.To));
        var slice = Optional(request.HasSlice, request.Slice) ?? SliceKey.All;
        var fields = new PerformanceFields(ModelIdField, request.ModelId, slice, Optional(request.HasGranularity, request.Granularity), window);
        return Reply(await PerformanceRead.AnswerAsync(fields, grains, time.GetUtcNow()));
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

    /// <summary>The value of an optional proto3 field, or null when the message left it out.</summary>
    private static string? Optional(bool present, string value) => present ? value : null;

    private static JsonReply Reply(QueryResult result) =>
        result.Failure is { } failure ? throw GrpcProblems.From(failure) : new JsonReply { Json = Encoding.UTF8.GetString(result.Json!) };
}
