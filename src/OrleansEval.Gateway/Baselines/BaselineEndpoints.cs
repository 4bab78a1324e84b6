using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansEval.Baselines;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Models;
using OrleansEval.Gateway.Observability;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Gateway.Baselines;

/// <summary>PUT/GET /v1/models/{modelId}/baselines/{name}: freeze a reference distribution, and read it back.</summary>
internal static class BaselineEndpoints
{
    private const string RequestExample = """
        {"version": "v1", "environment": "production", "from": "2013-03-01T00:00:00Z", "to": "2013-06-01T00:00:00Z", "bins": 10, "edges": {"temp_max": [0, 10, 20, 30]}}
        """;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPut("/v1/models/{modelId}/baselines/{name}", PutAsync).WithMetadata(new JsonRequest(typeof(BaselineRequest), Example: RequestExample)).Produces<BaselineAnswer>();
        routes.MapGet("/v1/models/{modelId}/baselines/{name}", GetAsync).Produces<BaselineAnswer>();
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

        var body = await JsonBody.ReadAsync<BaselineRequest>(request, options.Value);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (from, to, timeProblem) = ReadWindow(body.Value!);
        if (timeProblem is not null)
        {
            return timeProblem;
        }

        var spec = new BaselineSpec
        {
            Version = body.Value!.Version ?? SeriesId.DefaultVersion,
            Environment = body.Value.Environment ?? "training",
            From = from,
            To = to,
            Bins = body.Value.Bins ?? 10,
            Edges = (body.Value.Edges ?? []).ToImmutableDictionary(e => e.Key, e => e.Value?.ToImmutableArray() ?? [], StringComparer.Ordinal),
        };

        var model = grains.GetGrain<IModelGrain>(modelId);
        if (await model.GetAsync() is null)
        {
            return Problems.NotFound("modelId", $"model '{modelId}' is not registered");
        }

        var result = await model.FreezeBaselineAsync(name, spec);
        return result.Baseline is null ? Problems.BadRequest(result.ErrorField!, result.Error!) : Results.Ok(Describe(modelId, result.Baseline));
    }

    private static (DateTimeOffset? From, DateTimeOffset? To, IResult? Problem) ReadWindow(BaselineRequest request)
    {
        DateTimeOffset from = default, to = default;
        if (request.From is not null && !Timestamps.TryParse(request.From, out from))
        {
            return (null, null, Problems.BadRequest("from", Timestamps.Problem(request.From)));
        }

        if (request.To is not null && !Timestamps.TryParse(request.To, out to))
        {
            return (null, null, Problems.BadRequest("to", Timestamps.Problem(request.To)));
        }

        return (request.From is null ? null : from, request.To is null ? null : to, null);
    }

    private static async Task<IResult> GetAsync(string modelId, string name, IGrainFactory grains)
    {
        if (NameChecks.Problem("modelId", NameKind.Model, modelId) is { } invalidModel)
        {
            return invalidModel;
        }

        if (NameChecks.Problem("name", NameKind.Name, name) is { } invalidName)
        {
            return invalidName;
        }

        var baseline = await grains.GetGrain<IModelGrain>(modelId).GetBaselineAsync(name);
        return baseline is null
            ? Problems.NotFound("name", $"model '{modelId}' has no baseline named '{name}'")
            : Results.Ok(Describe(modelId, baseline));
    }

    private static object Describe(string modelId, Baseline baseline) => new
    {
        modelId,
        name = baseline.Name,
        revision = baseline.Revision,
        version = baseline.Spec.Version,
        environment = baseline.Spec.Environment,
        from = baseline.Spec.From,
        to = baseline.Spec.To,
        frozenAt = baseline.FrozenAt,
        records = baseline.RecordCount,
        columns = baseline.Columns.Select(c => new
        {
            name = c.Column,
            type = WireNames.Of(c.Type),
            count = c.Count,
            missing = c.Missing,
            cutPoints = c.Type == FeatureType.Numeric ? c.CutPoints : (ImmutableArray<double>?)null,
            categories = c.Type == FeatureType.Categorical ? c.Categories : (ImmutableArray<string>?)null,
            counts = c.Counts,
            mean = c.Type == FeatureType.Numeric ? c.Mean : (double?)null,
            standardDeviation = c.Type == FeatureType.Numeric ? c.StandardDeviation : (double?)null,
            approximate = c.Approximate,
        }),
    };
}
