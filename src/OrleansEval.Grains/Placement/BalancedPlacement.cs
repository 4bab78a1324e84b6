namespace OrleansEval.Grains.Placement;

/// <summary>
/// The store's default placement: each silo hands out the compatible silos in turn per grain type, so the grains it
/// places are spread evenly whatever their keys (see <see cref="BalancedPlacementDirector"/>).
/// </summary>
[Serializable]
[GenerateSerializer]
[Immutable]
[SuppressReferenceTracking]
[Alias("OrleansEval.Grains.Placement.BalancedPlacement")]
public sealed class BalancedPlacement : PlacementStrategy
{
    /// <summary>The one instance; the strategy has no parameters.</summary>
    public static BalancedPlacement Singleton { get; } = new();
}
