using OrleansEval.Gateway.Queries;

namespace OrleansEval.Gateway.Performance;

/// <summary>The fields of a performance read as an HTTP request or a gRPC message carried them, unchecked.</summary>
/// <param name="ModelIdField">What the protocol calls the model id ("modelId" in the HTTP path, "model_id" in gRPC), for a failure to name.</param>
/// <param name="ModelId">The model read.</param>
/// <param name="Slice">The slice read, "all" when the request named none.</param>
/// <param name="Granularity">The step of the time series ("1d", "month"); null for the window alone.</param>
/// <param name="Window">The series and window read.</param>
internal sealed record PerformanceFields(string ModelIdField, string ModelId, string Slice, string? Granularity, WindowFields Window);
