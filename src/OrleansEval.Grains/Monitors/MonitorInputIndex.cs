using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Monitors;

namespace OrleansEval.Grains.Monitors;

/// <summary>
/// Which monitors read which inputs: a drift or data-quality monitor its target column of its series (any feature for
/// "*", the prediction's columns for "prediction"); a performance, estimated-performance, worst-slice or volume monitor
/// the records of its series; a performance or worst-slice monitor also late actuals, which may complete predictions
/// of any series. Finding the readers of a report costs a lookup per input, whatever the number of monitors.
/// </summary>
internal sealed class MonitorInputIndex
{
    private const string PredictionPrefix = "@prediction.";

    private readonly Dictionary<string, List<string>> _readers = new(StringComparer.Ordinal);

    private MonitorInputIndex()
    {
    }

    /// <summary>The index of <paramref name="monitors"/>.</summary>
    public static MonitorInputIndex Of(IEnumerable<MonitorDefinition> monitors)
    {
        var index = new MonitorInputIndex();
        foreach (var monitor in monitors)
        {
            foreach (var input in Inputs(monitor))
            {
                index.Add(input, monitor.Name);
            }
        }

        return index;
    }

    /// <summary>The names of the monitors that read something <paramref name="inputs"/> changed.</summary>
    public IEnumerable<string> Readers(MonitorInputs inputs)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in inputs.Columns)
        {
            var key = FeatureKey.Parse(column);
            keys.Add(Column(key.Series, key.Column));
            if (key.Column.StartsWith(PredictionPrefix, StringComparison.Ordinal))
            {
                keys.Add(Column(key.Series, "prediction"));
            }
            else if (!key.Column.StartsWith('@'))
            {
                keys.Add(Column(key.Series, "*"));
            }
        }

        foreach (var series in inputs.Series)
        {
            keys.Add(Records(series));
        }

        if (inputs.LateActuals)
        {
            keys.Add(LateActuals);
        }

        return keys.SelectMany(k => _readers.GetValueOrDefault(k) ?? []).Distinct(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Inputs(MonitorDefinition monitor)
    {
        var series = new SeriesId(monitor.Version, monitor.Environment);
        return monitor.Kind switch
        {
            MonitorKind.Drift or MonitorKind.DataQuality => [Column(series, monitor.Target)],
            MonitorKind.Performance or MonitorKind.WorstSlices => [Records(series), LateActuals],
            _ => [Records(series)],
        };
    }

    private void Add(string input, string monitor)
    {
        if (!_readers.TryGetValue(input, out var names))
        {
            names = [];
            _readers.Add(input, names);
        }

        names.Add(monitor);
    }

    private static string Column(SeriesId series, string column) => $"column\u001f{series.Version}\u001f{series.Environment}\u001f{column}";

    private static string Records(SeriesId series) => $"records\u001f{series.Version}\u001f{series.Environment}";

    private const string LateActuals = "actuals";
}
