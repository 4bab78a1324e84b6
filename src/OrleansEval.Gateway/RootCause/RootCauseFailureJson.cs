using System.Text.Json;
using OrleansEval.Gateway.Http;
using OrleansEval.RootCause;

namespace OrleansEval.Gateway.RootCause;

/// <summary>Writes a root cause's <c>failureMode</c>: the kind, the confidence, the sentence and the evidence.</summary>
internal static class RootCauseFailureJson
{
    public static void Write(Utf8JsonWriter json, FailureMode mode)
    {
        json.WriteStartObject("failureMode");
        json.WriteString("kind", mode.Kind);
        json.WriteNumberOrNull("confidence", mode.Confidence);
        json.WriteString("explanation", mode.Explanation);
        json.WriteStartArray("evidence");
        foreach (var evidence in mode.Evidence)
        {
            json.WriteStartObject();
            json.WriteString("feature", evidence.Feature);
            WriteIfPresent(json, "mix", evidence.Mix);
            WriteIfPresent(json, "within", evidence.Within);
            WriteIfPresent(json, "share", evidence.Share);
            if (evidence.Measure is { } measure)
            {
                json.WriteString("measure", measure);
                json.WriteNumberOrNull("value", evidence.Value);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
    }
}
