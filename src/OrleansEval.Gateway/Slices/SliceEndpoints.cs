using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;
using OrleansEval.Gateway.Performance;
using OrleansEval.Gateway.Queries;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Gateway.Slices;

/// <summary>
/// /v1/models/{modelId}/slices: define and remove named slices, list the live status of every slice ranked (worst change
/// first by default), and read one slice's performance.
/// </summary>
internal static class SliceEndpoints
{
    private const string RequestExample = """
        {"conditions": ["location = Seattle", "temp_max in [15, 40)"], "backfill": true}
        """;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPut("/v1/models/{modelId}/slices/{name}", PutAsync)
            .WithMetadata(new JsonRequest(typeof(SliceRequest), Example: RequestExample))
            .Produces<SliceDefinitionAnswer>()
            .Produces<SliceBackfillAnswer>(StatusCodes.Status202Accepted);
        routes.MapDelete("/v1/models/{modelId}/slices/{name}", DeleteAsync).Produces(StatusCodes.Status204NoContent);
        routes.MapGet("/v1/models/{modelId}/slices", ListAsync)
            .Produces<SliceListingAnswer>()
            .WithMetadata(
            [
                .. WindowParameters.All,
                new QueryParameter("sort", "change (worst first), size or name (default change).", "change"),
                new QueryParameter("minSize", "Leave out slices with fewer predictions (default 1).", "30"),
                new QueryParameter("limit", "At most this many slices (default: every slice).", "10"),
            ]);
        routes.MapGet("/v1/models/{modelId}/slices/{slice}", (string modelId, string slice, HttpRequest request, IGrainFactory grains, TimeProvider time) =>
            PerformanceEndpoints.AnswerAsync(modelId, slice, request, grains, time))
            .Produces<PerformanceAnswer>()
            .WithMetadata([.. WindowParameters.All, PerformanceEndpoints.GranularityParameter]);
    }

    private static async Task<IResult> PutAsync(string modelId, string name, HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options)
    {
        if (NameChecks.Problem("modelId", NameKind.Model, modelId) is { } invalidModel)
        {
            return invalidModel;
        }

        if (NameChecks.Problem("name", NameKind.Name, name) is { } invalidName)
        {
            return invalidName;
        }

        var body = await JsonBody.ReadAsync<SliceRequest>(request, options.Value);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var conditions = ImmutableArray.CreateBuilder<SliceCondition>();
        var texts = body.Value!.Conditions ?? [];
        for (var i = 0; i < texts.Count; i++)
        {
            if (!SliceConditionParser.TryParse(texts[i], out var condition, out var error))
            {
                return Problems.BadRequest($"conditions[{i}]", error!);
            }

            conditions.Add(condition!);
        }

        var model = grains.GetGrain<IModelGrain>(modelId);
        if (await model.GetAsync() is null)
        {
            return Problems.NotFound("modelId", $"model '{modelId}' is not registered");
        }

        var slice = new SliceDefinition(name, conditions.ToImmutable());
        var problem = await model.DefineSliceAsync(slice);
        if (problem is not null)
        {
            return Problems.BadRequest(problem.Field, problem.Message);
        }

        return body.Value.Backfill == true
            ? await BackfillEndpoints.DefineAndStartAsync(request.HttpContext.Response, grains, modelId, slice)
            : Results.Ok(new { name, conditions = slice.Conditions.Select(c => c.ToString()) });
    }

    private static async Task<IResult> DeleteAsync(string modelId, string name, IGrainFactory grains)
    {
        if (NameChecks.Problem("modelId", NameKind.Model, modelId) is { } invalidModel)
        {
            return invalidModel;
        }

        if (NameChecks.Problem("name", NameKind.Name, name) is { } invalidName)
        {
            return invalidName;
        }

        return await grains.GetGrain<IModelGrain>(modelId).RemoveSliceAsync(name)
            ? Results.NoContent()
            : Problems.NotFound("name", $"model '{modelId}' has no slice named '{name}'");
    }

    private static async Task<IResult> ListAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        if (NameChecks.Problem("modelId", NameKind.Model, modelId) is { } invalidModel)
        {
            return invalidModel;
        }

        var (window, failure) = WindowQuery.Read(HttpQueries.Window(request.Query), time.GetUtcNow());
        if (failure is not null)
        {
            return HttpQueries.Problem(failure);
        }

        var (ranking, invalid) = SliceRanking.Read(HttpQueries.Field(request.Query, "sort"), HttpQueries.Field(request.Query, "minSize"), HttpQueries.Field(request.Query, "limit"));
        if (invalid is not null)
        {
            return HttpQueries.Problem(invalid);
        }

        var listing = await grains.GetGrain<IQueryWorker>(0).ListSlicesAsync(modelId, window!.Series, new TimeWindow(window.From, window.To));
        return listing is null
            ? Problems.NotFound("modelId", $"model '{modelId}' is not registered")
            : Results.Bytes(PerformanceJson.Write(ranking!.Apply(listing)), "application/json");
    }
}
