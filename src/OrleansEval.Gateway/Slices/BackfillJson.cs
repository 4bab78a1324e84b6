using System.Text.Json;
using OrleansEval.Slices;

namespace OrleansEval.Gateway.Slices;

/// <summary>
/// A slice backfill's status as the API writes it: <c>{"slice", "revision", "state", "rowsCounted", "rowsRead",
/// "sampled", "through", "startedAt", "finishedAt", "error"}</c>, state being running, done or failed.
/// </summary>
internal static class BackfillJson
{
    public static void Write(Utf8JsonWriter json, BackfillStatus status)
    {
        json.WriteStartObject();
        json.WriteString("slice", status.Slice);
        json.WriteNumber("revision", status.Revision);
        json.WriteString("state", status.State switch
        {
            BackfillState.Running => "running",
            BackfillState.Done => "done",
            _ => "failed",
        });
        json.WriteNumber("rowsCounted", status.RowsCounted);
        json.WriteNumber("rowsRead", status.RowsRead);
        json.WriteBoolean("sampled", status.Sampled);
        WriteTime(json, "through", status.Through);
        WriteTime(json, "startedAt", status.StartedAt);
        WriteTime(json, "finishedAt", status.FinishedAt);
        if (status.Error is { } error)
        {
            json.WriteString("error", error);
        }
        else
        {
            json.WriteNull("error");
        }

        json.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            json.WriteString(name, t.UtcDateTime);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
