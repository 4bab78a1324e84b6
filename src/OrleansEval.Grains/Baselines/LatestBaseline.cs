using OrleansEval.Baselines;
using OrleansEval.GrainInterfaces;
using OrleansEval.Models;

namespace OrleansEval.Grains.Baselines;

/// <summary>The baseline a read takes when it names none: the model's most recently frozen one.</summary>
internal static class LatestBaseline
{
    /// <summary>The baseline of <paramref name="snapshot"/> with the highest revision, or null when the model has none.</summary>
    public static async Task<Baseline?> OfAsync(IModelGrain model, ModelSnapshot snapshot)
    {
        var baselines = await Task.WhenAll(snapshot.Baselines.Select(model.GetBaselineAsync));
        return baselines.Where(baseline => baseline is not null).MaxBy(baseline => baseline!.Revision);
    }

    /// <summary>The baseline named <paramref name="name"/>, or the latest when it is null.</summary>
    public static async Task<Baseline?> NamedOrLatestAsync(IModelGrain model, ModelSnapshot snapshot, string? name) =>
        name is null ? await OfAsync(model, snapshot) : await model.GetBaselineAsync(name);
}
