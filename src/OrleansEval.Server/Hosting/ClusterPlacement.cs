namespace OrleansEval.Server.Hosting;

/// <summary>
/// The cluster's default placement: random. A model's grains (its ingest log, column, slice and join grains) are many
/// small activations of equal weight, created by calls that arrive through whichever silo a gateway picked; placing
/// each on a silo drawn at random spreads them evenly in expectation and needs no statistics, where resource-optimized
/// placement, Orleans' default, scores silos by statistics that are equal on one machine and then prefers the local
/// silo — the one the gateway's call arrived at. Grains that choose their own placement (stateless workers) keep it.
/// </summary>
public static class ClusterPlacement
{
    /// <summary>Makes random placement the default placement of <paramref name="silo"/>.</summary>
    public static ISiloBuilder UseClusterPlacement(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
        return silo;
    }
}
