using System.Text.Json;

namespace OrleansEval.Gateway.Records;

/// <summary>
/// The documented shape of one late actual, as POST /v1/models/{modelId}/actuals reads it: the prediction it belongs to
/// and its outcome, <c>{"label": "1"}</c>, <c>{"value": 11.5}</c> or the bare value.
/// </summary>
internal sealed record ActualBody(string PredictionId, JsonElement Actual, DateTimeOffset? Timestamp = null);
