using System.Runtime.CompilerServices;
using OrleansEval.Rows;

namespace OrleansEval.Gateway.Examples;

/// <summary>
/// Turns the row store's blocks (days newest first, each block one series and day, its rows newest first) into the
/// selected rows of every series, newest first: the blocks of one day are merged by timestamp (prediction id breaks a
/// tie, so an answer is repeatable), and only that day's blocks are held at a time. Blocks without a selected row are
/// dropped as soon as they are read.
/// </summary>
internal static class NewestFirst
{
    public static async IAsyncEnumerable<ExampleRow> MergeAsync(
        IAsyncEnumerable<RowBlock> blocks,
        ExampleSelection selection,
        ExampleTally tally,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var day = new List<(RowBlock Block, int[] Rows)>();
        DateTime? current = null;
        await foreach (var block in blocks.WithCancellation(cancellationToken))
        {
            if (block.Count == 0)
            {
                continue;
            }

            tally.Sampled |= block.Sampled;
            var blockDay = block.Timestamps[0].UtcDateTime.Date;
            if (current is { } held && held != blockDay)
            {
                foreach (var row in Merge(day))
                {
                    yield return row;
                }

                day.Clear();
            }

            current = blockDay;
            var holds = selection.Bind(block);
            var rows = Enumerable.Range(0, block.Count).Where(holds).ToArray();
            if (rows.Length > 0)
            {
                day.Add((block, rows));
            }
        }

        tally.ReadToEnd = true;
        foreach (var row in Merge(day))
        {
            yield return row;
        }
    }

    private static IEnumerable<ExampleRow> Merge(List<(RowBlock Block, int[] Rows)> day)
    {
        if (day.Count == 1)
        {
            foreach (var row in day[0].Rows)
            {
                yield return new ExampleRow(day[0].Block, row);
            }

            yield break;
        }

        var next = new PriorityQueue<(int Block, int Position), ExampleRow>(day.Count, Order.Instance);
        for (var i = 0; i < day.Count; i++)
        {
            next.Enqueue((i, 0), new ExampleRow(day[i].Block, day[i].Rows[0]));
        }

        while (next.TryDequeue(out var at, out var row))
        {
            yield return row;
            var (block, rows) = day[at.Block];
            if (at.Position + 1 < rows.Length)
            {
                next.Enqueue((at.Block, at.Position + 1), new ExampleRow(block, rows[at.Position + 1]));
            }
        }
    }

    // Newest first; among equal timestamps, prediction ids in ordinal order.
    private sealed class Order : IComparer<ExampleRow>
    {
        public static Order Instance { get; } = new();

        public int Compare(ExampleRow x, ExampleRow y)
        {
            var byTime = y.Timestamp.CompareTo(x.Timestamp);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.PredictionId, y.PredictionId);
        }
    }
}
