using Orleans.Runtime.Placement;

namespace OrleansEval.Grains.Placement;

/// <summary>
/// Places a new activation on the compatible silo to which this silo has so far sent the fewest activations of the
/// same grain type, ties going to the silo with the fewest of all types, then to this silo, then to the next ones in
/// address order. Every silo decides for the calls it receives (from a gateway or from its own grains) and keeps its
/// own counts, so of each grain type the placements of one silo differ by at most one between silos, and the cluster's
/// by at most the number of deciding silos: even by construction rather than in expectation, as random placement is.
/// </summary>
/// <remarks>
/// The counts are of placements, not of live activations: they are never lowered when an activation is collected, so
/// the director evens out the flow of new activations. A silo that joins starts at the fewest count of the others and
/// takes its turn with them instead of receiving every new activation until it caught up; what the others already hold
/// stays where it is. A silo that leaves is dropped from the counts, and its grains are placed again in turn over the
/// rest as calls reach them. A placement hint in the request context wins, as with Orleans' own directors.
/// </remarks>
public sealed class BalancedPlacementDirector : IPlacementDirector
{
    private readonly Lock _lock = new();
    private readonly Dictionary<GrainType, Dictionary<SiloAddress, long>> _byType = [];
    private readonly Dictionary<SiloAddress, long> _all = [];

    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var compatible = context.GetCompatibleSilos(target);
        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, compatible) is { } hint)
        {
            return Task.FromResult(hint);
        }

        if (compatible.Length == 0)
        {
            throw new OrleansException($"No active silo can host grain type {target.GrainIdentity.Type}.");
        }

        return Task.FromResult(Choose(target.GrainIdentity.Type, compatible, context.LocalSilo));
    }

    private SiloAddress Choose(GrainType type, SiloAddress[] compatible, SiloAddress local)
    {
        var ordered = compatible.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        var start = Math.Max(0, Array.IndexOf(ordered, local));
        lock (_lock)
        {
            if (!_byType.TryGetValue(type, out var ofType))
            {
                ofType = [];
                _byType[type] = ofType;
            }

            Track(ofType, ordered);
            Track(_all, ordered);
            var best = ordered[start];
            for (var i = 1; i < ordered.Length; i++)
            {
                var silo = ordered[(start + i) % ordered.Length];
                var (fewer, same) = (ofType[silo].CompareTo(ofType[best]), _all[silo].CompareTo(_all[best]));
                if (fewer < 0 || (fewer == 0 && same < 0))
                {
                    best = silo;
                }
            }

            ofType[best]++;
            _all[best]++;
            return best;
        }
    }

    // Keeps exactly the silos that can take the activation: one that left is forgotten, one that joined starts level
    // with the least used of the others.
    private static void Track(Dictionary<SiloAddress, long> counts, SiloAddress[] silos)
    {
        foreach (var gone in counts.Keys.Where(s => Array.IndexOf(silos, s) < 0).ToList())
        {
            counts.Remove(gone);
        }

        var floor = counts.Count == 0 ? 0 : counts.Values.Min();
        foreach (var silo in silos)
        {
            counts.TryAdd(silo, floor);
        }
    }
}
