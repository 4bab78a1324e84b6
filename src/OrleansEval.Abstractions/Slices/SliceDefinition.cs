using System.Collections.Immutable;

namespace OrleansEval.Slices;

/// <summary>A user-defined slice: a name and a conjunction of conditions.</summary>
[GenerateSerializer]
[Alias("OrleansEval.SliceDefinition")]
[Immutable]
public sealed record SliceDefinition([property: Id(0)] string Name, [property: Id(1)] ImmutableArray<SliceCondition> Conditions)
{
    /// <summary>
    /// The model revision that defined the slice: batches planned under it or a later one count into the slice as they
    /// arrive, earlier ones only through a backfill. 0 for a slice stored before the revision was kept.
    /// </summary>
    [Id(2)] public long Revision { get; init; }

    /// <summary>
    /// How many definitions of this name the model had before this one (deleted or replaced): the slice's family is
    /// <see cref="SliceKey.UserFamily(string, int)"/> of it, so a new definition counts nothing of an earlier one's.
    /// </summary>
    [Id(3)] public int Generation { get; init; }
}
