using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Http;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Slices;

namespace OrleansEval.Gateway.Slices;

/// <summary>
/// POST /v1/models/{modelId}/slices/{name}:backfill starts counting a named slice over the rows kept before it was
/// defined and answers 202 with the run's status (its Location polls it); GET on the same path is the status.
/// </summary>
internal static class BackfillEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/models/{modelId}/slices/{name}:backfill", PostAsync).Produces<BackfillAnswer>(StatusCodes.Status202Accepted);
        routes.MapGet("/v1/models/{modelId}/slices/{name}:backfill", StatusAsync).Produces<BackfillAnswer>();
    }

    /// <summary>The path that answers the status of a slice's backfill.</summary>
    public static string StatusPath(string modelId, string name) =>
        $"/v1/models/{Uri.EscapeDataString(modelId)}/slices/{Uri.EscapeDataString(name)}:backfill";

    /// <summary>Starts the backfill of a slice known to exist; null when the model no longer has it.</summary>
    public static Task<BackfillStatus?> StartAsync(IGrainFactory grains, string modelId, string name) =>
        grains.GetGrain<ISliceBackfillGrain>(SliceBackfillKey.For(modelId, name)).StartAsync();

    /// <summary>
    /// The answer of a slice defined with <c>"backfill": true</c>: 202 with the slice and its backfill's status, or 404
    /// when the slice was removed in the meantime.
    /// </summary>
    public static async Task<IResult> DefineAndStartAsync(HttpResponse response, IGrainFactory grains, string modelId, SliceDefinition slice)
    {
        var status = await StartAsync(grains, modelId, slice.Name);
        if (status is null)
        {
            return Problems.NotFound("name", $"model '{modelId}' has no slice named '{slice.Name}'");
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("name", slice.Name);
            json.WriteStartArray("conditions");
            foreach (var condition in slice.Conditions)
            {
                json.WriteStringValue(condition.ToString());
            }

            json.WriteEndArray();
            json.WritePropertyName("backfill");
            BackfillJson.Write(json, status);
            json.WriteEndObject();
        }

        response.Headers.Location = StatusPath(modelId, slice.Name);
        return Results.Text(buffer.WrittenSpan, "application/json", StatusCodes.Status202Accepted);
    }

    /// <summary>The status as the body of an answer.</summary>
    public static byte[] Json(BackfillStatus status)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            BackfillJson.Write(json, status);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static async Task<IResult> PostAsync(string modelId, string name, HttpResponse response, IGrainFactory grains)
    {
        if (Problem(modelId, name) is { } invalid)
        {
            return invalid;
        }

        if (await grains.GetGrain<IModelGrain>(modelId).GetAsync() is null)
        {
            return Problems.NotFound("modelId", $"model '{modelId}' is not registered");
        }

        var status = await StartAsync(grains, modelId, name);
        return status is null
            ? Problems.NotFound("name", $"model '{modelId}' has no slice named '{name}'")
            : Accepted(response, modelId, name, status);
    }

    private static async Task<IResult> StatusAsync(string modelId, string name, IGrainFactory grains)
    {
        if (Problem(modelId, name) is { } invalid)
        {
            return invalid;
        }

        var status = await grains.GetGrain<ISliceBackfillGrain>(SliceBackfillKey.For(modelId, name)).GetStatusAsync();
        return status is null
            ? Problems.NotFound("name", $"slice '{name}' of model '{modelId}' has not been backfilled")
            : Results.Bytes(Json(status), "application/json");
    }

    /// <summary>202 with the status as the body and the path that polls it as the Location.</summary>
    private static IResult Accepted(HttpResponse response, string modelId, string name, BackfillStatus status)
    {
        response.Headers.Location = StatusPath(modelId, name);
        return Results.Text(Json(status), "application/json", StatusCodes.Status202Accepted);
    }

    private static IResult? Problem(string modelId, string name) =>
        NameChecks.Problem("modelId", NameKind.Model, modelId) ?? NameChecks.Problem("name", NameKind.Name, name);
}
