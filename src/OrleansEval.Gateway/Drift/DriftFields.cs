using OrleansEval.Gateway.Queries;

namespace OrleansEval.Gateway.Drift;

/// <summary>The fields of a drift read as an HTTP query string or a gRPC message carried them, unchecked.</summary>
/// <param name="ModelIdField">What the protocol calls the model id ("modelId" in the HTTP path, "model_id" in gRPC), for a failure to name.</param>
/// <param name="ModelId">The model read.</param>
/// <param name="Baseline">The frozen baseline compared against; null when the request named none.</param>
/// <param name="Window">The series and window read.</param>
/// <param name="Slice">A named slice or elementary slice id the rows of both sides are narrowed to; null for none.</param>
/// <param name="Where">Conditions the rows of both sides must meet, in the slice syntax; empty for none.</param>
internal sealed record DriftFields(string ModelIdField, string ModelId, string? Baseline, WindowFields Window, string? Slice = null, IReadOnlyList<string?>? Where = null);
