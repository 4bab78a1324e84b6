using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansEval.Server.Storage;

/// <summary>
/// The recent output of an Azurite process: the ports its services report listening on, and the last lines of
/// standard error and output for error messages.
/// </summary>
internal sealed partial class AzuriteOutput
{
    private const int MaxLines = 40;

    private readonly Lock _gate = new();
    private readonly Queue<string> _errorLines = new();
    private readonly Queue<string> _outputLines = new();
    private readonly Dictionary<string, int> _ports = new(StringComparer.Ordinal);

    public void AddOutput(string line)
    {
        var match = ListeningLine().Match(line);
        lock (_gate)
        {
            if (match.Success)
            {
                _ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
            }

            Append(_outputLines, line);
        }
    }

    public void AddError(string line)
    {
        lock (_gate)
        {
            Append(_errorLines, line);
        }
    }

    /// <summary>The port Azurite reported for <paramref name="service"/> (Blob, Queue or Table), or 0 before it has.</summary>
    public int ListeningPort(string service)
    {
        lock (_gate)
        {
            return _ports.GetValueOrDefault(service);
        }
    }

    /// <summary>Standard error when there is any, else standard output, else a note that there was none.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            var lines = _errorLines.Count > 0 ? _errorLines : _outputLines;
            return lines.Count > 0 ? string.Join(Environment.NewLine, lines) : "(it wrote nothing)";
        }
    }

    private static void Append(Queue<string> lines, string line)
    {
        if (lines.Count == MaxLines)
        {
            lines.Dequeue();
        }

        lines.Enqueue(line);
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^\s]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
