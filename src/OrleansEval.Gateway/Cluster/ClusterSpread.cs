namespace OrleansEval.Gateway.Cluster;

/// <summary>
/// How evenly the store's grains are spread over the active silos: the fewest and most activations on one silo, and
/// <c>(max − min) / mean</c> (0 when perfectly even; null with no active silo or no activation).
/// </summary>
/// <param name="Silos">Active silos counted.</param>
/// <param name="Min">Fewest activations on an active silo.</param>
/// <param name="Max">Most activations on an active silo.</param>
/// <param name="Relative">(max − min) / mean.</param>
internal sealed record ClusterSpread(int Silos, int Min, int Max, double? Relative)
{
    private const string Active = "Active";

    /// <summary>The spread of <paramref name="silos"/>' store activations, over those whose status is Active.</summary>
    public static ClusterSpread Of(IReadOnlyCollection<SiloDescription> silos)
    {
        var counts = silos.Where(s => s.Status == Active).Select(s => s.Activations).ToList();
        if (counts.Count == 0)
        {
            return new ClusterSpread(0, 0, 0, null);
        }

        var mean = counts.Average();
        return new ClusterSpread(counts.Count, counts.Min(), counts.Max(), mean > 0 ? (counts.Max() - counts.Min()) / mean : null);
    }
}
