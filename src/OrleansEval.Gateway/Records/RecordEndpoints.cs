using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Admission;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;
using OrleansEval.GrainInterfaces;
using OrleansEval.Ingest;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Records;

/// <summary>
/// POST /v1/models/{modelId}/records and /actuals: JSON arrays or NDJSON of prediction records and late actuals. Each
/// body is read whole first; only then does the request take one of the node's admission slots, held while it is parsed
/// and ingested, so a client that sends slowly holds no slot.
/// </summary>
internal static class RecordEndpoints
{
    private const string RequestExample = """
        [{"predictionId": "w-366", "timestamp": "2013-01-01T00:00:00Z", "version": "v1", "environment": "production", "features": {"location": "Seattle", "temp_max": 5.0}, "tags": {"region": "west"}, "prediction": {"label": "0", "score": 0.4437}, "actual": {"label": "0"}}]
        """;

    /// <summary>A client may name a batch so that retrying it is safe: the same key is applied once.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/models/{modelId}/records", PostAsync)
            .WithMetadata(new JsonRequest(typeof(PredictionRecordBody), IsArray: true, Example: RequestExample))
            .Produces<IngestAnswer>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithMetadata(new NdjsonLines(Request: true, [typeof(PredictionRecordBody)]));
        routes.MapPost("/v1/models/{modelId}/actuals", PostActualsAsync)
            .WithMetadata(new JsonRequest(typeof(ActualBody), IsArray: true, Example: """[{"predictionId": "w-366", "actual": {"label": "1"}, "timestamp": "2013-01-02T00:00:00Z"}, {"predictionId": "w-367", "actual": "0"}]"""))
            .Produces<ActualsAnswer>()
            .Produces<ActualsAnswer>(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithMetadata(new NdjsonLines(Request: true, [typeof(ActualBody)]));
    }

    private static async Task<IResult> PostActualsAsync(string modelId, HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options, AdmissionLimiter admission, IngestMetrics metrics)
    {
        if (NameChecks.Problem("modelId", NameKind.Model, modelId) is { } invalidModel)
        {
            return invalidModel;
        }

        var body = await RequestBody.ReadAsync(request, options.Value.MaxBodyBytes);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        using var slot = await admission.TryEnterAsync("http", request.HttpContext.RequestAborted);
        if (slot is null)
        {
            return AdmissionRefusal.Http(request.HttpContext, admission.RetryAfterSeconds);
        }

        var parsed = ActualParser.Parse(new ReadOnlySequence<byte>(body.Bytes), options.Value);
        if (parsed.Fault is not null)
        {
            return FaultProblem(parsed.Fault);
        }

        var (batchId, keyProblem) = BatchId(request, IdempotencyKeys.Actuals);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var result = await grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, batchId!, [.. parsed.Items]);
        if (result is null)
        {
            return Problems.NotFound("modelId", $"model '{modelId}' is not registered");
        }

        if (result.Conflict)
        {
            return Problems.Conflict(IdempotencyHeader, IdempotencyKeys.ConflictRule);
        }

        if (result.RetryAfterSeconds > 0)
        {
            request.HttpContext.Response.Headers.RetryAfter = result.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var rejected = result.Rejected.Concat(parsed.Rejected).OrderBy(r => r.Index);
        metrics.Count("actual", "http", result.Accepted, rejected);
        return Results.Json(
            new
            {
                accepted = result.Accepted,
                rejected = rejected.Select(r => new { index = r.Index, error = r.Error }),
                unmatched = result.Unmatched.Select(u => new { index = u.Index, predictionId = u.PredictionId }),
            },
            statusCode: result.Accepted == 0 && result.RetryAfterSeconds > 0 ? StatusCodes.Status429TooManyRequests : StatusCodes.Status200OK);
    }

    // Records and actuals are separate kinds of batch: the same key on both endpoints names two batches.
    private static (string? BatchId, IResult? Problem) BatchId(HttpRequest request, string kind)
    {
        var key = request.Headers[IdempotencyHeader].FirstOrDefault();
        if (key is null)
        {
            return (IdempotencyKeys.BatchId(kind, null), null);
        }

        return NameChecks.Problem(IdempotencyHeader, NameKind.IdempotencyKey, key) is { } invalidKey
            ? (null, invalidKey)
            : (IdempotencyKeys.BatchId(kind, key), null);
    }

    private static IResult FaultProblem(string fault)
    {
        var separator = fault.IndexOf(':', StringComparison.Ordinal);
        return Problems.BadRequest(fault[..separator], fault[(separator + 2)..]);
    }

    private static async Task<IResult> PostAsync(string modelId, HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options, AdmissionLimiter admission, IngestMetrics metrics)
    {
        if (NameChecks.Problem("modelId", NameKind.Model, modelId) is { } invalidModel)
        {
            return invalidModel;
        }

        var body = await RequestBody.ReadAsync(request, options.Value.MaxBodyBytes);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        using var slot = await admission.TryEnterAsync("http", request.HttpContext.RequestAborted);
        if (slot is null)
        {
            return AdmissionRefusal.Http(request.HttpContext, admission.RetryAfterSeconds);
        }

        var parsed = RecordParser.Parse(new ReadOnlySequence<byte>(body.Bytes), options.Value);
        var (batchId, keyProblem) = BatchId(request, IdempotencyKeys.Records);
        if (parsed.Fault is not null || keyProblem is not null)
        {
            parsed.Dispose();
            return parsed.Fault is not null ? FaultProblem(parsed.Fault) : keyProblem!;
        }

        var batch = new IngestBatch(batchId!, parsed.Table, [.. parsed.Rejected]);
        var result = await grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, batch);

        // The worker has read every record once it answers. A call that throws may still be reading them (a timed-out
        // call goes on), so its buffers are left to the collector rather than given back.
        parsed.Dispose();
        if (result is null)
        {
            return Problems.NotFound("modelId", $"model '{modelId}' is not registered");
        }

        if (result.Conflict)
        {
            return Problems.Conflict(IdempotencyHeader, IdempotencyKeys.ConflictRule);
        }

        metrics.Count("record", "http", result.Accepted, result.Rejected);
        return Results.Ok(new { accepted = result.Accepted, rejected = result.Rejected.Select(r => new { index = r.Index, error = r.Error }) });
    }
}
