using System.Collections.Immutable;

namespace OrleansEval.Drift;

/// <summary>
/// The drift report of every window of a <see cref="DriftWindowsQuery"/>, oldest first, or the field and rule that
/// made the question unanswerable.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.DriftWindowsAnswer")]
[Immutable]
public sealed record DriftWindowsAnswer(
    [property: Id(0)] ImmutableArray<DriftReport> Reports,
    [property: Id(1)] string? ErrorField,
    [property: Id(2)] string? Error,
    [property: Id(3)] bool NotFound);
