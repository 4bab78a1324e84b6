using OrleansEval.Compare;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Compare;

/// <summary>
/// The labelled rows of every compared version, by prediction id, and the ids all of them scored. A version that kept
/// an id twice (a record sent again) is judged on the row with the later event time. The champion's rows are kept
/// whole, since its features decide the slices.
/// </summary>
internal sealed class PairedRows(ModelDefinition definition, string metric, int versions)
{
    private readonly Dictionary<string, Entry>[] _byVersion = [.. Enumerable.Range(0, versions).Select(_ => new Dictionary<string, Entry>(StringComparer.Ordinal))];
    private readonly RowOutcomes _outcomes = new(definition, metric);

    private readonly long[] _rowsRead = new long[versions];

    /// <summary>Every row of each version read, labelled or not.</summary>
    public IReadOnlyList<long> RowsRead => _rowsRead;

    /// <summary>True when some series' rows of the window were a reservoir sample.</summary>
    public bool Sampled { get; private set; }

    /// <summary>Takes the labelled rows of <paramref name="block"/>, read for version <paramref name="version"/>.</summary>
    public void Add(int version, RowBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        Sampled |= block.Sampled;
        _rowsRead[version] += block.Count;
        var rows = _byVersion[version];
        if (rows.Count + block.Count > ComparisonRules.MostRowsPerSeries)
        {
            throw new WindowTooLargeException(ComparisonRules.MostRowsPerSeries);
        }

        for (var row = 0; row < block.Count; row++)
        {
            if (!block.IsLabelled(row) || _outcomes.Of(block, row) is not { } outcome)
            {
                continue;
            }

            var id = block.PredictionIds[row];
            var timestamp = block.Timestamps[row];
            if (!rows.TryGetValue(id, out var kept) || kept.Timestamp <= timestamp)
            {
                rows[id] = new Entry(timestamp, outcome, version == 0 ? block : null, row);
            }
        }
    }

    /// <summary>
    /// The paired rows, in the champion's order of ids: for each, the champion's block and row (for its features) and
    /// every version's outcome; and per version the labelled rows left without a pair.
    /// </summary>
    public (List<(RowBlock Block, int Row)> Rows, PairedOutcome[][] Outcomes, long[] Unpaired) Pair()
    {
        var champion = _byVersion[0];
        var paired = champion.Keys.Where(id => _byVersion.All(v => v.ContainsKey(id))).Order(StringComparer.Ordinal).ToList();
        var rows = paired.Select(id => (champion[id].Block!, champion[id].Row)).ToList();
        var outcomes = _byVersion.Select(v => paired.Select(id => v[id].Outcome).ToArray()).ToArray();
        var unpaired = _byVersion.Select(v => (long)(v.Count - paired.Count)).ToArray();
        return (rows, outcomes, unpaired);
    }

    private readonly record struct Entry(DateTimeOffset Timestamp, PairedOutcome Outcome, RowBlock? Block, int Row);
}
