using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.GrainInterfaces;

namespace OrleansEval.Gateway.Health;

/// <summary>
/// GET /healthz: the cluster (an active silo answers the management grain) and the grain storage (a read and a write
/// through the silo's own storage) are probed side by side, each within <see cref="ProbeTimeout"/>. 200 when both are
/// ok; 503, naming the dependency that is down and why, when either is not.
/// </summary>
internal static class HealthEndpoints
{
    /// <summary>How long each probe may take.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private const string Ok = "ok";
    private const string Down = "down";

    /// <summary>The route of the health endpoint, which probes and health checks call.</summary>
    public const string Route = "/healthz";

    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet(Route, HealthAsync);

    private static async Task<IResult> HealthAsync(IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var cluster = ProbeClusterAsync(grains, time, cancellationToken);
        var storage = ProbeStorageAsync(grains, time, cancellationToken);
        var dependencies = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["cluster"] = Describe(await cluster),
            ["storage"] = Describe(await storage),
        };
        var failing = new[] { ("cluster", await cluster), ("storage", await storage) }.Where(d => d.Item2 is not null).ToList();
        if (failing.Count == 0)
        {
            return Results.Ok(new { status = Ok, dependencies });
        }

        return Results.Problem(
            detail: string.Join("; ", failing.Select(f => $"{f.Item1}: {f.Item2}")),
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Unhealthy",
            extensions: new Dictionary<string, object?> { ["dependencies"] = dependencies });
    }

    private static object Describe(string? reason) => reason is null ? new { status = Ok } : new { status = Down, reason };

    // Null when at least one silo is active and answered in time, else why not.
    private static async Task<string?> ProbeClusterAsync(IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken).WaitAsync(ProbeTimeout, time, cancellationToken);
            return hosts.Count > 0 ? null : "no active silo";
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            return Reason(e);
        }
    }

    // Null when the silo's grain storage took a read and a write in time, else why not.
    private static async Task<string?> ProbeStorageAsync(IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            return await grains.GetGrain<IStorageProbeGrain>(0).ProbeAsync().WaitAsync(ProbeTimeout, time, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            return $"not probed: {Reason(e)}";
        }
    }

    private static string Reason(Exception e) => e is TimeoutException
        ? $"no answer within {ProbeTimeout.TotalSeconds:F0} s"
        : $"{e.GetType().Name}: {e.Message.Split('\n', 2)[0].Trim()}";
}
