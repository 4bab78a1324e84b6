using System.Globalization;

namespace OrleansEval.Server.Tests.Observability;

/// <summary>A scrape of <c>/metrics</c> read as samples: each series (name and labels as written) and its value.</summary>
public sealed class PrometheusText
{
    private readonly Dictionary<string, double> _samples;

    private PrometheusText(Dictionary<string, double> samples) => _samples = samples;

    /// <summary>The metric names of every sample.</summary>
    public IEnumerable<string> Names => _samples.Keys.Select(NameOf).Distinct(StringComparer.Ordinal);

    public static PrometheusText Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var labelsEnd = line.LastIndexOf('}');
            var valueStart = line.IndexOf(' ', labelsEnd < 0 ? 0 : labelsEnd);
            var value = line[(valueStart + 1)..].Split(' ')[0];
            samples[line[..valueStart]] = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return new PrometheusText(samples);
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include every one of <paramref name="labels"/> (0 when none).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        _samples.Where(s => NameOf(s.Key) == name && labels.All(l => s.Key.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal))).Sum(s => s.Value);

    private static string NameOf(string series) => series.Split('{')[0];
}
