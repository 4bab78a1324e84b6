using OrleansEval.Gateway.Queries;

namespace OrleansEval.Gateway.RootCause;

/// <summary>The fields of a root-cause question as the request carried them, unchecked; null where it named none.</summary>
/// <param name="ModelIdField">What the protocol calls the model id, for a failure to name.</param>
/// <param name="ModelId">The model asked about.</param>
/// <param name="Window">The series and window of the current rows.</param>
/// <param name="Baseline">The baseline compared with (the latest when null).</param>
/// <param name="Metric">The metric explained (the task's default when null).</param>
/// <param name="Slice">A named slice or elementary slice id the rows of both sides are narrowed to.</param>
/// <param name="Where">Conditions the rows of both sides must meet, in the slice syntax.</param>
/// <param name="Source">"rows" to count the kept rows even where the per-bin state would answer; null to let the silo choose.</param>
internal sealed record RootCauseFields(
    string ModelIdField,
    string ModelId,
    WindowFields Window,
    string? Baseline,
    string? Metric,
    string? Slice,
    IReadOnlyList<string?> Where,
    string? Source = null);
