using System.Diagnostics.Metrics;
using OrleansEval.Grains.Persistence;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// Counts, on the grains' meter (<see cref="StateWrites.MeterName"/>), where per-bin root causes took their baseline's
/// side from: <c>kept</c> (the counts kept in the background) or <c>rows</c> (its rows, counted at question time), and
/// whether the question first waited for a count under way.
/// </summary>
internal sealed class BaselineSideUses(IMeterFactory meters)
{
    /// <summary>Name of the counter; tags <c>source</c> and <c>waited</c>.</summary>
    public const string Counter = "orleanseval.grains.rootcause.baseline_side";

    private readonly Counter<long> _uses = meters.Create(StateWrites.MeterName)
        .CreateCounter<long>(Counter, unit: "{question}", description: "Per-bin root causes, by where their baseline's side came from and whether they waited for its count");

    /// <summary>Counts one question whose baseline side came from <paramref name="source"/>.</summary>
    public void Count(string source, bool waited) => _uses.Add(
        1,
        new KeyValuePair<string, object?>("source", source),
        new KeyValuePair<string, object?>("waited", waited));
}
