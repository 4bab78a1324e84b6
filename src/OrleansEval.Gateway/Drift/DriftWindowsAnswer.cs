using OrleansEval.Gateway.Queries;

namespace OrleansEval.Gateway.Drift;

/// <summary>
/// The documented shape of a drift answer over a sequence of windows: the span they cover, their step, and each
/// window's drift document, oldest first, as GET …/drift answers that window alone.
/// </summary>
internal sealed record DriftWindowsAnswer(
    string ModelId,
    string Baseline,
    string Version,
    string Environment,
    WindowAnswer Window,
    string Granularity,
    IReadOnlyList<DriftAnswer> Windows);
