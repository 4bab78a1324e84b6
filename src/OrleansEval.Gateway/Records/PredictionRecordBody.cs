using System.Text.Json;

namespace OrleansEval.Gateway.Records;

/// <summary>
/// The documented shape of one prediction record, as POST /v1/models/{modelId}/records reads it (one element of a JSON
/// array or one NDJSON line) and as the examples endpoint writes it back: features and tags by name (numbers for
/// numeric columns, strings for categorical ones, absent or null when missing), the prediction, and the actual when known.
/// </summary>
internal sealed record PredictionRecordBody(
    string PredictionId,
    DateTimeOffset Timestamp,
    IReadOnlyDictionary<string, JsonElement> Features,
    PredictionRecordBody.PredictionPart Prediction,
    string? Version = null,
    string? Environment = null,
    IReadOnlyDictionary<string, JsonElement>? Tags = null,
    PredictionRecordBody.ActualPart? Actual = null)
{
    /// <summary>The model's output: a label and the positive class's score for a classifier, a value for a regression.</summary>
    internal sealed record PredictionPart(string? Label = null, double? Score = null, double? Value = null);

    /// <summary>The true outcome: a label for a classifier, a value for a regression.</summary>
    internal sealed record ActualPart(string? Label = null, double? Value = null);
}
