using System.Runtime.CompilerServices;
using System.Text;

namespace OrleansEval.Client;

/// <summary>
/// Reads a text/event-stream as the HTML standard's event-stream interpretation does: lines of "field: value", an event
/// dispatched at each blank line (when it has data or a name), several data lines joined by "\n", comment lines (":") ignored, a trailing unfinished
/// event dropped.
/// </summary>
internal static class ServerSentEventReader
{
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? type = null;
        string? id = null;
        int? retry = null;
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                // A named event without data (event: lagged) is still an event here, unlike in a browser.
                if (hasData || type is not null)
                {
                    yield return new ServerSentEvent(type ?? "message", id, data.ToString(), retry);
                }

                type = null;
                retry = null;
                data.Clear();
                hasData = false;
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "event":
                    type = value;
                    break;
                case "data":
                    if (hasData)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    hasData = true;
                    break;
                case "id" when !value.Contains('\0', StringComparison.Ordinal):
                    // The last event id persists across events, as in a browser's EventSource.
                    id = value;
                    break;
                case "retry" when int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds):
                    retry = milliseconds;
                    break;
                default:
                    break;
            }
        }
    }
}
