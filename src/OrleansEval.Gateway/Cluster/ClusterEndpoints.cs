using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OrleansEval.Gateway.Cluster;

/// <summary>
/// GET /v1/cluster: what an operator checks after scaling out — every silo membership knows of, its status, and how
/// many of the store's grains (and of all grains) it holds, with the spread of the store's activations over the active
/// silos. Read from Orleans' management grain, so it costs one call to every silo.
/// </summary>
internal static class ClusterEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/cluster", DescribeAsync).Produces<ClusterAnswer>();

    private static async Task<IResult> DescribeAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var statistics = await management.GetSimpleGrainStatistics();
        var silos = hosts
            .OrderBy(h => h.SiloAddress.ToString(), StringComparer.Ordinal)
            .Select(h => Describe(h, statistics.Where(s => s.SiloAddress.Equals(h.SiloAddress)).ToList()))
            .ToList();
        return Results.Ok(new { silos, activations = silos.Sum(s => s.Activations), spread = ClusterSpread.Of(silos) });
    }

    private static SiloDescription Describe(MembershipEntry host, IReadOnlyCollection<SimpleGrainStatistic> statistics) => new(
        host.SiloAddress.ToString(),
        host.SiloName,
        host.HostName,
        host.Status.ToString(),
        statistics.Where(s => IsStoreGrain(s.GrainType)).Sum(s => s.ActivationCount),
        statistics.Sum(s => s.ActivationCount));

    // The store's own grains, not Orleans' system targets, streams or the management grain.
    private static bool IsStoreGrain(string grainType) => grainType.Contains("OrleansEval", StringComparison.Ordinal);
}
