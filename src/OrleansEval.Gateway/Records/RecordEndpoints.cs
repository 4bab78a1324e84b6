using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Http;
using OrleansEval.Grains;
using OrleansEval.Ingest;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Records;

/// <summary>POST /v1/models/{modelId}/records: a JSON array or NDJSON of prediction records.</summary>
internal static class RecordEndpoints
{
    /// <summary>A client may name a batch so that retrying it is safe: the same key is applied once.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/v1/models/{modelId}/records", PostAsync);

    private static async Task<IResult> PostAsync(string modelId, HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options)
    {
        if (!NameRules.IsValidModelId(modelId))
        {
            return Problems.BadRequest("modelId", $"must be {NameRules.ModelIdRule}");
        }

        var body = await RequestBody.ReadAsync(request, options.Value.MaxBodyBytes);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var parsed = RecordParser.Parse(new ReadOnlySequence<byte>(body.Bytes), options.Value);
        if (parsed.Fault is not null)
        {
            var separator = parsed.Fault.IndexOf(':', StringComparison.Ordinal);
            return Problems.BadRequest(parsed.Fault[..separator], parsed.Fault[(separator + 2)..]);
        }

        var batchId = request.Headers[IdempotencyHeader].FirstOrDefault() is { Length: > 0 and <= 128 } key ? key : Guid.NewGuid().ToString("N");
        var batch = new IngestBatch(batchId, [.. parsed.Records], [.. parsed.Rejected]);
        var result = await grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, batch);
        return result is null
            ? Problems.NotFound("modelId", $"model '{modelId}' is not registered")
            : Results.Ok(new { accepted = result.Accepted, rejected = result.Rejected.Select(r => new { index = r.Index, error = r.Error }) });
    }
}
