using OrleansEval.Gateway.Queries;

namespace OrleansEval.Gateway.WorstSlices;

/// <summary>The fields of a worst-slice search as the request carried them, unchecked; null where it named none.</summary>
/// <param name="ModelIdField">What the protocol calls the model id, for a failure to name.</param>
/// <param name="ModelId">The model searched.</param>
/// <param name="Window">The series and window searched; a version or environment left out means every one.</param>
/// <param name="Baseline">The baseline whose cut points bin numeric features (the latest when null).</param>
/// <param name="Metric">The per-row error metric.</param>
/// <param name="MinSize">The smallest slice.</param>
/// <param name="MaxConditions">The most conditions per slice.</param>
/// <param name="Alpha">The score's weight of the error term.</param>
/// <param name="Limit">How many slices to answer.</param>
internal sealed record WorstSliceFields(
    string ModelIdField,
    string ModelId,
    WindowFields Window,
    string? Baseline,
    string? Metric,
    string? MinSize,
    string? MaxConditions,
    string? Alpha,
    string? Limit);
