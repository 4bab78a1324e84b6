using System.Runtime.CompilerServices;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// Reads the parts of one UTC day of every series a read takes as blocks in descending order of their newest row,
/// each block's rows newest first; so a caller merging the blocks newest first can answer every row newer than the
/// block it just received. It learns each part's span of event times from the part's footer first, then opens a part
/// only when its newest row is the newest of all rows still due (and decodes the part due after it meanwhile), and lets
/// it go once its last block is answered: what it holds at once follows how much the parts overlap in time, not the
/// day's size.
/// </summary>
internal sealed class RowDayReader(IRowBlobStore store, RowQuery query, ModelDefinition definition, LateActuals late, long rowsPerDay)
{
    /// <summary>Most rows in one block.</summary>
    public const int BlockRows = 8_192;

    /// <summary>The blocks of the rows of <paramref name="days"/> within the read's window.</summary>
    public async IAsyncEnumerable<RowBlock> ReadAsync(IReadOnlyList<RowSeriesDay> days, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(days);
        var waiting = await WaitingAsync(days, cancellationToken);
        var open = new PriorityQueue<IEnumerator<RowBlock>, (long Ticks, long Order)>(NewerFirst.Instance);
        var order = 0L;
        var next = 0;
        Task<IEnumerator<RowBlock>>? opening = null;
        while (next < waiting.Count || open.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (next < waiting.Count && (!open.TryPeek(out _, out var due) || waiting[next].Newest.UtcTicks >= due.Ticks))
            {
                var blocks = await (opening ?? Open(waiting[next], cancellationToken));
                opening = ++next < waiting.Count ? Open(waiting[next], cancellationToken) : null;
                Enqueue(open, blocks, ref order);
                continue;
            }

            var source = open.Dequeue();
            yield return source.Current;
            Enqueue(open, source, ref order);
        }
    }

    private static void Enqueue(PriorityQueue<IEnumerator<RowBlock>, (long Ticks, long Order)> open, IEnumerator<RowBlock> blocks, ref long order)
    {
        if (blocks.MoveNext())
        {
            open.Enqueue(blocks, (blocks.Current.Timestamps[0].UtcTicks, order++));
        }
        else
        {
            blocks.Dispose();
        }
    }

    // Every part of the days that holds rows of the window, newest first by its newest row.
    private async Task<List<Waiting>> WaitingAsync(IReadOnlyList<RowSeriesDay> days, CancellationToken cancellationToken)
    {
        var waiting = new List<Waiting>();
        foreach (var day in days)
        {
            var winners = day.Sampled ? await WinnersAsync(day.Parts, cancellationToken) : null;
            foreach (var name in day.Parts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await TimesAsync(day, name, cancellationToken) is not { } span)
                {
                    continue;
                }

                var (newest, oldest) = span;
                if (newest >= query.From && oldest < query.To)
                {
                    waiting.Add(new Waiting(day, name, winners, newest));
                }
            }
        }

        // A stable sort: parts with the same newest row keep the order they were listed in.
        return [.. waiting.OrderByDescending(w => w.Newest)];
    }

    // A part's span as the listing gave it, or from its footer (a part stored without one); null when it is gone.
    private async Task<(DateTimeOffset Newest, DateTimeOffset Oldest)?> TimesAsync(RowSeriesDay day, string name, CancellationToken cancellationToken)
    {
        if (day.Times is not null && day.Times.TryGetValue(name, out var listed))
        {
            return (listed.Newest, listed.Oldest);
        }

        return await store.GetAsync(name, cancellationToken) is { } content ? await RowPart.SpanAsync(content, cancellationToken) : null;
    }

    // The next part due is fetched and decoded on the thread pool while the blocks before it are answered, so reading
    // overlaps the caller's writing. It touches no grain state: the store is thread-safe and the part is its own.
    private Task<IEnumerator<RowBlock>> Open(Waiting part, CancellationToken cancellationToken) =>
        Task.Run(() => OpenAsync(part, cancellationToken), cancellationToken);

    private async Task<IEnumerator<RowBlock>> OpenAsync(Waiting source, CancellationToken cancellationToken)
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

    /// <summary>A part of the day not yet opened, with the event time of its newest row.</summary>
    private sealed record Waiting(RowSeriesDay Day, string Name, long[]? Winners, DateTimeOffset Newest);

    // The newest first; among equal times, the one queued first.
    private sealed class NewerFirst : IComparer<(long Ticks, long Order)>
    {
        public static NewerFirst Instance { get; } = new();

        public int Compare((long Ticks, long Order) x, (long Ticks, long Order) y) =>
            y.Ticks != x.Ticks ? y.Ticks.CompareTo(x.Ticks) : x.Order.CompareTo(y.Order);
    }
}
