using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Gateway.Models;

/// <summary>PUT/GET /v1/models: register, evolve, list and describe models.</summary>
internal static class ModelEndpoints
{
    private const string RequestExample = """
        {"task": "binary_classification", "positiveLabel": "1", "negativeLabel": "0", "threshold": 0.5, "bucket": "1h", "features": [{"name": "location", "type": "categorical"}, {"name": "temp_max", "type": "numeric"}], "tags": [{"name": "region", "type": "categorical"}]}
        """;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPut("/v1/models/{modelId}", PutAsync)
            .WithMetadata(new JsonRequest(typeof(ModelRequest), Example: RequestExample))
            .Produces<ModelAnswer>()
            .Produces<ModelAnswer>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);
        routes.MapGet("/v1/models", ListAsync).Produces<ModelListAnswer>();
        routes.MapGet("/v1/models/{modelId}", GetAsync).Produces<ModelAnswer>();
    }

    private static async Task<IResult> PutAsync(string modelId, HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options)
    {
        if (NameChecks.Problem("modelId", NameKind.Model, modelId) is { } invalidModel)
        {
            return invalidModel;
        }

        var body = await JsonBody.ReadAsync<ModelRequest>(request, options.Value);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (definition, problem) = ToDefinition(body.Value!, options.Value);
        if (problem is not null)
        {
            return problem;
        }

        var result = await grains.GetGrain<IModelGrain>(modelId).DefineAsync(definition!);
        if (result.Error is { } error)
        {
            return error.IsConflict ? Problems.Conflict(error.Field, error.Message) : Problems.BadRequest(error.Field, error.Message);
        }

        var description = Describe(result.Snapshot!, []);
        return result.Created ? Results.Created($"/v1/models/{modelId}", description) : Results.Ok(description);
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        var models = await grains.GetGrain<IModelRegistryGrain>(0).ListAsync();
        return Results.Ok(new { models });
    }

    private static async Task<IResult> GetAsync(string modelId, IGrainFactory grains)
    {
        if (NameChecks.Problem("modelId", NameKind.Model, modelId) is { } invalidModel)
        {
            return invalidModel;
        }

        var model = grains.GetGrain<IModelGrain>(modelId);
        var snapshot = await model.GetAsync();
        if (snapshot is null)
        {
            return Problems.NotFound("modelId", $"model '{modelId}' is not registered");
        }

        return Results.Ok(Describe(snapshot, await model.GetSeriesCountsAsync()));
    }

    private static (ModelDefinition? Definition, IResult? Problem) ToDefinition(ModelRequest request, GatewayOptions limits)
    {
        var task = WireNames.ParseTask(request.Task);
        if (task is null)
        {
            return (null, Problems.BadRequest("task", "is required: binary_classification, multiclass_classification or regression"));
        }

        var bucket = TimeSpan.FromHours(1);
        if (request.Bucket is not null && !Durations.TryParse(request.Bucket, out bucket))
        {
            return (null, Problems.BadRequest("bucket", "must be a duration such as 1h, 30m or 1d"));
        }

        var features = ToColumns(request.Features, "features");
        if (features.Problem is not null)
        {
            return (null, features.Problem);
        }

        var tags = ToColumns(request.Tags, "tags");
        if (tags.Problem is not null)
        {
            return (null, tags.Problem);
        }

        if (features.Columns.Length + tags.Columns.Length > limits.MaxColumnsPerModel)
        {
            return (null, Problems.BadRequest("features", $"a model may declare at most {limits.MaxColumnsPerModel} features and tags"));
        }

        var definition = new ModelDefinition
        {
            Task = task.Value,
            Bucket = bucket,
            Features = features.Columns,
            Tags = tags.Columns,
            Threshold = request.Threshold ?? 0.5,
            PositiveLabel = request.PositiveLabel ?? "1",
            NegativeLabel = request.NegativeLabel ?? "0",
            Classes = [.. request.Classes ?? []],
        };
        return (definition, null);
    }

    private static (ImmutableArray<FeatureDefinition> Columns, IResult? Problem) ToColumns(List<ColumnRequest>? columns, string field)
    {
        var result = ImmutableArray.CreateBuilder<FeatureDefinition>();
        for (var i = 0; i < (columns?.Count ?? 0); i++)
        {
            var column = columns![i];
            if (column is null)
            {
                return ([], Problems.BadRequest($"{field}[{i}]", "must be an object {name, type}"));
            }

            if (NameChecks.Problem($"{field}[{i}].name", NameKind.Name, column.Name) is { } invalidName)
            {
                return ([], invalidName);
            }

            var type = WireNames.ParseType(column.Type);
            if (type is null)
            {
                return ([], Problems.BadRequest($"{field}[{i}].type", "must be numeric or categorical"));
            }

            result.Add(new FeatureDefinition(column.Name!, type.Value));
        }

        return (result.ToImmutable(), null);
    }

    private static object Describe(ModelSnapshot snapshot, ImmutableArray<SeriesCount> counts) => new
    {
        modelId = snapshot.ModelId,
        task = WireNames.Of(snapshot.Definition.Task),
        positiveLabel = snapshot.Definition.Task == ModelTask.BinaryClassification ? snapshot.Definition.PositiveLabel : null,
        negativeLabel = snapshot.Definition.Task == ModelTask.BinaryClassification ? snapshot.Definition.NegativeLabel : null,
        threshold = snapshot.Definition.Task == ModelTask.BinaryClassification ? snapshot.Definition.Threshold : (double?)null,
        bucket = Durations.Format(snapshot.Definition.Bucket),
        classes = snapshot.Definition.Classes.IsDefaultOrEmpty ? null : snapshot.Definition.Classes.ToArray(),
        features = snapshot.Definition.Features.Select(f => new { name = f.Name, type = WireNames.Of(f.Type) }),
        tags = snapshot.Definition.Tags.Select(t => new { name = t.Name, type = WireNames.Of(t.Type) }),
        revision = snapshot.Revision,
        baselines = snapshot.Baselines,
        versions = snapshot.Series.Select(s => s.Version).Distinct().Order(StringComparer.Ordinal),
        environments = snapshot.Series.Select(s => s.Environment).Distinct().Order(StringComparer.Ordinal),
        series = counts.IsDefaultOrEmpty
            ? snapshot.Series.Select(s => new { version = s.Version, environment = s.Environment, records = (long?)null })
            : counts.Select(c => new { version = c.Series.Version, environment = c.Series.Environment, records = (long?)c.Records }),
    };
}
