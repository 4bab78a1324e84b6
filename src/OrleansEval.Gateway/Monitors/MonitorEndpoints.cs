using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Alerts;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Observability;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Monitors;
using OrleansEval.WorstSlices;

namespace OrleansEval.Gateway.Monitors;

/// <summary>/v1/models/{modelId}/monitors: define, list, remove, and evaluate now.</summary>
internal static class MonitorEndpoints
{
    private const string RequestExample = """
        {"kind": "drift", "target": "temp_max", "measure": "psi", "threshold": 0.2, "baseline": "training", "version": "v1", "environment": "production", "window": "30d", "minCount": 30, "hysteresis": 0.05, "cooldown": "1h"}
        """;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPut("/v1/models/{modelId}/monitors/{name}", PutAsync).WithMetadata(new JsonRequest(typeof(MonitorRequest), Example: RequestExample)).Produces<MonitorAnswer>();
        routes.MapGet("/v1/models/{modelId}/monitors", ListAsync).Produces<MonitorListAnswer>();
        routes.MapGet("/v1/models/{modelId}/monitors/{name}", GetAsync).Produces<MonitorAnswer>();
        routes.MapDelete("/v1/models/{modelId}/monitors/{name}", DeleteAsync).Produces(StatusCodes.Status204NoContent);
        routes.MapPost("/v1/models/{modelId}/monitors:evaluate", EvaluateAsync).Produces<AlertListAnswer>();
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

        var body = await JsonBody.ReadAsync<MonitorRequest>(request, options.Value);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (monitor, problem) = ToDefinition(name, body.Value!);
        if (problem is not null)
        {
            return problem;
        }

        var error = await grains.GetGrain<IMonitorGrain>(modelId).DefineAsync(monitor!);
        if (error is not null)
        {
            return error.Field == "modelId" ? Problems.NotFound(error.Field, error.Message) : Problems.BadRequest(error.Field, error.Message);
        }

        return Results.Ok(Describe(monitor!));
    }

    private static async Task<IResult> ListAsync(string modelId, IGrainFactory grains) =>
        NameChecks.Problem("modelId", NameKind.Model, modelId)
            ?? Results.Ok(new { monitors = (await grains.GetGrain<IMonitorGrain>(modelId).ListAsync()).Select(Describe) });

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

        var monitor = (await grains.GetGrain<IMonitorGrain>(modelId).ListAsync()).FirstOrDefault(m => m.Name == name);
        return monitor is null ? Problems.NotFound("name", $"model '{modelId}' has no monitor named '{name}'") : Results.Ok(Describe(monitor));
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

        return await grains.GetGrain<IMonitorGrain>(modelId).RemoveAsync(name)
            ? Results.NoContent()
            : Problems.NotFound("name", $"model '{modelId}' has no monitor named '{name}'");
    }

    private static async Task<IResult> EvaluateAsync(string modelId, IGrainFactory grains)
    {
        if (NameChecks.Problem("modelId", NameKind.Model, modelId) is { } invalidModel)
        {
            return invalidModel;
        }

        var alerts = await grains.GetGrain<IMonitorGrain>(modelId).EvaluateAsync();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("alerts");
            foreach (var alert in alerts)
            {
                AlertJson.Write(json, alert);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Results.Bytes(buffer.WrittenSpan.ToArray(), "application/json");
    }

    private static (MonitorDefinition? Monitor, IResult? Problem) ToDefinition(string name, MonitorRequest request)
    {
        MonitorKind? kind = request.Kind switch
        {
            "drift" => MonitorKind.Drift,
            "dataQuality" => MonitorKind.DataQuality,
            "performance" => MonitorKind.Performance,
            "estimatedPerformance" => MonitorKind.EstimatedPerformance,
            "worstSlices" => MonitorKind.WorstSlices,
            "volume" => MonitorKind.Volume,
            _ => null,
        };
        if (kind is null)
        {
            return (null, Problems.BadRequest("kind", "must be drift, dataQuality, performance, estimatedPerformance, worstSlices or volume"));
        }

        // A worst-slice monitor ranks by a per-row error metric, the plain error unless it names another.
        var measure = kind == MonitorKind.WorstSlices ? request.Measure ?? SliceErrorMetrics.Error : request.Measure;
        if (string.IsNullOrEmpty(measure))
        {
            return (null, Problems.BadRequest("measure", "is required"));
        }

        var window = TimeSpan.FromDays(1);
        if (request.Window is not null && !Durations.TryParse(request.Window, out window))
        {
            return (null, Problems.BadRequest("window", "must be a duration such as 24h or 30d"));
        }

        var cooldown = TimeSpan.Zero;
        if (request.Cooldown is not null && request.Cooldown != "0" && !Durations.TryParse(request.Cooldown, out cooldown))
        {
            return (null, Problems.BadRequest("cooldown", "must be a duration such as 1h"));
        }

        return (new MonitorDefinition
        {
            Name = name,
            Kind = kind.Value,
            Target = request.Target ?? "*",
            Measure = measure,
            Threshold = request.Threshold,
            DropFromBaseline = request.DropFromBaseline,
            AutoThresholdK = request.AutoThresholdK,
            Baseline = request.Baseline,
            Version = request.Version ?? "default",
            Environment = request.Environment ?? "production",
            Window = window,
            MinCount = request.MinCount ?? 30,
            Slice = request.Slice ?? "all",
            Hysteresis = request.Hysteresis ?? 0.05,
            Cooldown = cooldown,
            TopK = request.TopK ?? 5,
            MaxQValue = request.MaxQValue ?? 0.05,
        }, null);
    }

    // The fields of every kind, then a worst-slice monitor's own, so other kinds answer as they always did.
    private static Dictionary<string, object?> Describe(MonitorDefinition monitor)
    {
        var described = new Dictionary<string, object?>
        {
            ["name"] = monitor.Name,
            ["kind"] = char.ToLowerInvariant(monitor.Kind.ToString()[0]) + monitor.Kind.ToString()[1..],
            ["target"] = monitor.Target,
            ["measure"] = monitor.Measure,
            ["threshold"] = monitor.Threshold,
            ["dropFromBaseline"] = monitor.DropFromBaseline,
            ["autoThresholdK"] = monitor.AutoThresholdK,
            ["baseline"] = monitor.Baseline,
            ["version"] = monitor.Version,
            ["environment"] = monitor.Environment,
            ["window"] = Durations.Format(monitor.Window),
            ["minCount"] = monitor.MinCount,
            ["slice"] = monitor.Slice,
            ["hysteresis"] = monitor.Hysteresis,
            ["cooldown"] = monitor.Cooldown == TimeSpan.Zero ? "0" : Durations.Format(monitor.Cooldown),
        };
        if (monitor.Kind == MonitorKind.WorstSlices)
        {
            described["topK"] = monitor.TopK;
            described["maxQValue"] = monitor.MaxQValue;
        }

        return described;
    }
}
