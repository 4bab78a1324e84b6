using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Admission;
using OrleansEval.Gateway.Grpc.V1;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Records;
using OrleansEval.GrainInterfaces;
using OrleansEval.Ingest;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Grpc;

/// <summary>
/// The gRPC face of the v1 API. Ingest goes through the same <see cref="IIngestWorker"/> calls as HTTP with inputs
/// read off the wire by <see cref="WireRequests"/>, so records are checked alike; reads answer the HTTP JSON document itself. The
/// ingest methods share the node's admission control with HTTP, admitted once their message has arrived; a stream
/// holds a slot per message, while that message is handled.
/// </summary>
/// <remarks>
/// It does not derive from the generated base class: <see cref="OrleansEvalMethodProvider"/> binds its methods by name,
/// so that a message protobuf cannot read is answered INVALID_ARGUMENT, and so that the ingest methods take their
/// requests already in columnar form.
/// </remarks>
internal sealed partial class OrleansEvalService(IGrainFactory grains, IOptions<GatewayOptions> options, TimeProvider time, IServiceProvider services)
{

    private const string IdempotencyKeyField = "idempotency_key";

    [IngestAdmission("records")]
    public Task<IngestReply> Ingest(IngestMessage request, ServerCallContext context) => IngestBatchAsync(request, 0);

    [IngestAdmission("records")]
    public async Task<IngestReply> IngestStream(IAsyncStreamReader<IngestMessage> requestStream, ServerCallContext context)
    {
        var reply = new IngestReply();
        var offset = 0;
        var position = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            IngestReply part;
            try
            {
                part = await IngestBatchAsync(request, offset);
            }
            catch (RpcException e)
            {
                // The batches before this one are kept; say so, keeping the "field: rule" form in front.
                throw new RpcException(new Status(e.StatusCode, $"{e.Status.Detail} (message {position} of the stream; the {position} before it were kept)"), e.Trailers);
            }

            reply.Accepted += part.Accepted;
            reply.Rejected.AddRange(part.Rejected);
            offset += request.Count;
            position++;
        }

        return reply;
    }

    [IngestAdmission("actuals")]
    public async Task<ActualsReply> SendActuals(ActualsMessage request, ServerCallContext context)
    {
        CheckModelId(request.ModelId);
        CheckCount(request.Count, "actuals");
        var (items, rejected) = (request.Items, request.Rejected);
        var result = await grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(request.ModelId, IdempotencyKeys.BatchId(IdempotencyKeys.Actuals, IdempotencyKey(request.IdempotencyKey)), items)
            ?? throw NotRegistered(request.ModelId);
        if (result.Conflict)
        {
            throw GrpcProblems.Conflict(IdempotencyKeyField, IdempotencyKeys.ConflictRule);
        }

        if (result.RetryAfterSeconds > 0)
        {
            if (result.Accepted == 0)
            {
                throw GrpcProblems.Overloaded(result.RetryAfterSeconds, "actuals", "the label-join buffer is full; send them again later");
            }

            context.ResponseTrailers.Add(GrpcProblems.RetryAfterTrailer, result.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        services.GetRequiredService<IngestMetrics>().Count("actual", "grpc", result.Accepted, result.Rejected.Concat(rejected));
        var reply = new ActualsReply { Accepted = result.Accepted, RetryAfterSeconds = result.RetryAfterSeconds };
        reply.Rejected.AddRange(result.Rejected.Concat(rejected).OrderBy(r => r.Index).Select(r => new Rejection { Index = r.Index, Error = r.Error }));
        reply.Unmatched.AddRange(result.Unmatched.Select(u => new V1.UnmatchedActual { Index = u.Index, PredictionId = u.PredictionId }));
        return reply;
    }

    private async Task<IngestReply> IngestBatchAsync(IngestMessage request, int offset)
    {
        var (table, rejected) = (request.Table, request.Rejected);
        string batchId;
        try
        {
            CheckModelId(request.ModelId);
            CheckCount(request.Count, "records");
            batchId = IdempotencyKeys.BatchId(IdempotencyKeys.Records, IdempotencyKey(request.IdempotencyKey));
        }
        catch (RpcException)
        {
            // Refused before anything read the table.
            table.ReturnBuffers();
            throw;
        }

        var result = await grains.GetGrain<IIngestWorker>(0).IngestAsync(request.ModelId, new IngestBatch(batchId, table, rejected));

        // As over HTTP: the worker has read every record once it answers; a call that threw may still be reading them,
        // so then the buffers are left to the collector.
        table.ReturnBuffers();
        if (result is null)
        {
            throw NotRegistered(request.ModelId);
        }

        if (result.Conflict)
        {
            throw GrpcProblems.Conflict(IdempotencyKeyField, IdempotencyKeys.ConflictRule);
        }

        services.GetRequiredService<IngestMetrics>().Count("record", "grpc", result.Accepted, result.Rejected);
        var reply = new IngestReply { Accepted = result.Accepted };
        reply.Rejected.AddRange(result.Rejected.Select(r => new Rejection { Index = r.Index + offset, Error = r.Error }));
        return reply;
    }

    private void CheckCount(int count, string field)
    {
        if (count > options.Value.MaxRecordsPerRequest)
        {
            throw GrpcProblems.Invalid(field, $"too many items; at most {options.Value.MaxRecordsPerRequest} per request");
        }
    }

    private static void CheckModelId(string modelId)
    {
        if (NameRules.Check(NameKind.Model, modelId) is { } rule)
        {
            throw GrpcProblems.Invalid("model_id", rule);
        }
    }

    /// <summary>The client's key, checked by the rule HTTP's Idempotency-Key follows; null when the request has none.</summary>
    private static string? IdempotencyKey(string? key) =>
        key is null ? null
        : NameRules.Check(NameKind.IdempotencyKey, key) is { } rule ? throw GrpcProblems.Invalid("idempotency_key", rule)
        : key;

    private static RpcException NotRegistered(string modelId) => GrpcProblems.NotFound("model_id", $"model '{modelId}' is not registered");
}
