using Microsoft.Extensions.DependencyInjection;

namespace OrleansEval.Grains.Placement;

/// <summary>Makes <see cref="BalancedPlacement"/> a silo's default placement.</summary>
public static class BalancedPlacementExtensions
{
    /// <summary>
    /// Registers <see cref="BalancedPlacementDirector"/> and makes its strategy the default of <paramref name="silo"/>;
    /// grains that choose their own placement (stateless workers, the row reader's prefer-local) keep it.
    /// </summary>
    public static ISiloBuilder UseBalancedPlacement(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddPlacementDirector<BalancedPlacement, BalancedPlacementDirector>();
        silo.Services.AddSingleton<PlacementStrategy>(BalancedPlacement.Singleton);
        return silo;
    }
}
