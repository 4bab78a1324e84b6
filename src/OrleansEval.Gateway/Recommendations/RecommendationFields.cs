using OrleansEval.Gateway.Queries;

namespace OrleansEval.Gateway.Recommendations;

/// <summary>The fields of a recommendation question as the request carried them, unchecked; null where it named none.</summary>
/// <param name="ModelIdField">What the protocol calls the model id, for a failure to name.</param>
/// <param name="ModelId">The model asked about.</param>
/// <param name="Window">The series and window; a version or environment left out means every one.</param>
/// <param name="Baseline">The baseline compared with (the latest when null).</param>
internal sealed record RecommendationFields(string ModelIdField, string ModelId, WindowFields Window, string? Baseline);
