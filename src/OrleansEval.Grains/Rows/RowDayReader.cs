using System.Runtime.CompilerServices;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// Reads the parts of one UTC day of every series a read takes as blocks in descending order of their newest row,
/// each block's rows newest first; so a caller merging the blocks newest first can answer every row newer than the
/// block it just received. It learns each part's span of event times from the part's footer first, then opens a part
/// only when the newest of its rows still due is the newest of all rows still due, and lets it go once its last block
/// is answered: what it holds at once follows how much the parts overlap in time, not the day's size.
/// </summary>
internal sealed class RowDayReader(IRowBlobStore store, RowQuery query, ModelDefinition definition, LateActuals late, long rowsPerDay)
{
    /// <summary>Most rows in one block.</summary>
    public const int BlockRows = 8_192;

    /// <summary>The blocks of the rows of <paramref name="days"/> within the read's window.</summary>
    public async IAsyncEnumerable<RowBlock> ReadAsync(IReadOnlyList<RowSeriesDay> days, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(days);
        var frontier = new PriorityQueue<Source, (long Ticks, long Order)>(NewerFirst.Instance);
        var order = 0L;
        foreach (var day in days)
        {
            var winners = day.Sampled ? await WinnersAsync(day.Parts, cancellationToken) : null;
            foreach (var name in day.Parts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await store.GetAsync(name, cancellationToken) is not { } content)
                {
                    continue;
                }

                var (newest, oldest) = await RowPart.SpanAsync(content, cancellationToken);
                if (newest >= query.From && oldest < query.To)
                {
                    frontier.Enqueue(new Source(day, name, winners), (newest.UtcTicks, order++));
                }
            }
        }

        while (frontier.TryDequeue(out var source, out _))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (source.Blocks is null)
            {
                source.Blocks = await OpenAsync(source, cancellationToken);
            }
            else
            {
                yield return source.Blocks.Current;
            }

            if (source.Blocks.MoveNext())
            {
                frontier.Enqueue(source, (source.Blocks.Current.Timestamps[0].UtcTicks, order++));
            }
            else
            {
                source.Blocks.Dispose();
            }
        }
    }

    private async Task<IEnumerator<RowBlock>> OpenAsync(Source source, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(source.Name, cancellationToken) is not { } content)
        {
            return Enumerable.Empty<RowBlock>().GetEnumerator();
        }

        var part = await RowPart.ReadAsync(content, cancellationToken);
        return Blocks(part, Kept(part, source.Winners), source.Day).GetEnumerator();
    }

    private IEnumerable<RowBlock> Blocks(RowPart part, int[] kept, RowSeriesDay day)
    {
        for (var start = 0; start < kept.Length; start += BlockRows)
        {
            var rows = start == 0 && kept.Length <= BlockRows ? kept : kept[start..Math.Min(kept.Length, start + BlockRows)];
            yield return RowBlocks.Of(part, rows, day.Series, definition, late, day.Sampled);
        }
    }

    // The part's rows in the window (and, on a sampled day, in the sample), newest first: parts are stored so, and a part
    // written before they were is sorted here.
    private int[] Kept(RowPart part, long[]? winners)
    {
        var kept = new List<int>(part.Count);
        for (var i = 0; i < part.Count; i++)
        {
            if (part.Timestamps[i] >= query.From && part.Timestamps[i] < query.To && (winners is null || winners[part.Slots[i]] == part.Rows[i]))
            {
                kept.Add(i);
            }
        }

        var rows = kept.ToArray();
        if (!IsNewestFirst(part, rows))
        {
            Array.Sort(rows, (x, y) => part.Timestamps[y].CompareTo(part.Timestamps[x]) is var byTime && byTime != 0
                ? byTime
                : string.CompareOrdinal(part.PredictionIds[x], part.PredictionIds[y]));
        }

        return rows;
    }

    private static bool IsNewestFirst(RowPart part, int[] rows)
    {
        for (var r = 1; r < rows.Length; r++)
        {
            if (part.Timestamps[rows[r]] > part.Timestamps[rows[r - 1]])
            {
                return false;
            }
        }

        return true;
    }

    // Per slot of a sampled day, the number of the row that holds it last: the reservoir's sample.
    private async Task<long[]> WinnersAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var winners = new long[rowsPerDay];
        Array.Fill(winners, -1L);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await store.GetAsync(name, cancellationToken) is not { } content)
            {
                continue;
            }

            var (rows, slots) = await RowPart.ReadSlotsAsync(content, cancellationToken);
            for (var i = 0; i < rows.Length; i++)
            {
                winners[slots[i]] = Math.Max(winners[slots[i]], rows[i]);
            }
        }

        return winners;
    }

    /// <summary>A part of the day: not yet opened, or opened with its blocks still to answer.</summary>
    private sealed class Source(RowSeriesDay day, string name, long[]? winners)
    {
        public RowSeriesDay Day { get; } = day;

        public string Name { get; } = name;

        public long[]? Winners { get; } = winners;

        public IEnumerator<RowBlock>? Blocks { get; set; }
    }

    // The newest first; among equal times, the one queued first.
    private sealed class NewerFirst : IComparer<(long Ticks, long Order)>
    {
        public static NewerFirst Instance { get; } = new();

        public int Compare((long Ticks, long Order) x, (long Ticks, long Order) y) =>
            y.Ticks != x.Ticks ? y.Ticks.CompareTo(x.Ticks) : x.Order.CompareTo(y.Order);
    }
}
