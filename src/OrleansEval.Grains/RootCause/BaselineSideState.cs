using OrleansEval.RootCause;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// What a baseline's side counter persists: the counts under each metric of the model's task and the revision of the
/// baseline series' slice state they were counted at (null before the first count).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.BaselineSideState")]
public sealed class BaselineSideState
{
    [Id(0)] public string? Revision { get; set; }

    [Id(1)] public Dictionary<string, BaselineSideCounts> Counts { get; set; } = new(StringComparer.Ordinal);
}
