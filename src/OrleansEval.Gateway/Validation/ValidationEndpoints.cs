using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;
using OrleansEval.Gateway.Queries;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Validation;

/// <summary>/v1/models/{modelId}/validations: run and store a validation of a candidate version, read one, list them.</summary>
internal static class ValidationEndpoints
{
    private const string RequestExample = """
        {"candidate": {"version": "v2", "environment": "shadow"}, "reference": {"version": "v1", "environment": "production"}, "production": {"baseline": "training"}, "from": "2013-07-01T00:00:00Z", "to": "2013-08-01T00:00:00Z", "metric": "accuracy", "minSize": 30}
        """;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/models/{modelId}/validations", PostAsync)
            .WithMetadata(new JsonRequest(typeof(ValidationBody), Example: RequestExample))
            .Produces<ValidationAnswer>(StatusCodes.Status201Created);
        routes.MapGet("/v1/models/{modelId}/validations", ListAsync).Produces<ValidationListAnswer>();
        routes.MapGet("/v1/models/{modelId}/validations/{validationId}", GetAsync).Produces<ValidationAnswer>();
    }

    // The request's abort token reaches the silo, so a client that gives up stops the reads of rows.
    private static async Task<IResult> PostAsync(string modelId, HttpRequest request, IGrainFactory grains, TimeProvider time, IOptions<GatewayOptions> options)
    {
        if (NameChecks.Problem("modelId", NameKind.Model, modelId) is { } invalidModel)
        {
            return invalidModel;
        }

        var body = await JsonBody.ReadAsync<ValidationBody>(request, options.Value);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (validation, failure) = ValidationRead.Parse(body.Value!, time.GetUtcNow());
        if (validation is null)
        {
            return HttpQueries.Problem(failure!);
        }

        var validationId = Guid.NewGuid().ToString("N");
        var answer = await grains.GetGrain<IValidationGrain>($"{modelId}/{validationId}").RunAsync(validation, request.HttpContext.RequestAborted);
        if (answer.Report is null)
        {
            return HttpQueries.Problem(QueryFailure.FromWorker(answer.ErrorField!, answer.Error!, answer.NotFound));
        }

        using var document = JsonDocument.Parse(ValidationJson.Write(answer.Report));
        return Results.Created($"/v1/models/{modelId}/validations/{validationId}", document.RootElement.Clone());
    }

    private static async Task<IResult> ListAsync(string modelId, IGrainFactory grains)
    {
        if (NameChecks.Problem("modelId", NameKind.Model, modelId) is { } invalidModel)
        {
            return invalidModel;
        }

        var validations = await grains.GetGrain<IValidationListGrain>(modelId).ListAsync();
        return Results.Bytes(ValidationJson.WriteList(modelId, validations), "application/json");
    }

    private static async Task<IResult> GetAsync(string modelId, string validationId, IGrainFactory grains)
    {
        if (NameChecks.Problem("modelId", NameKind.Model, modelId) is { } invalidModel)
        {
            return invalidModel;
        }

        if (NameChecks.Problem("validationId", NameKind.Name, validationId) is { } invalidId)
        {
            return invalidId;
        }

        var report = await grains.GetGrain<IValidationGrain>($"{modelId}/{validationId}").GetAsync();
        return report is null
            ? Problems.NotFound("validationId", $"model '{modelId}' has no validation '{validationId}'")
            : Results.Bytes(ValidationJson.Write(report), "application/json");
    }
}
