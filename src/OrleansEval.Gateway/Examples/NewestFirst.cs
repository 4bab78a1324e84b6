using System.Runtime.CompilerServices;
using OrleansEval.Rows;

namespace OrleansEval.Gateway.Examples;

/// <summary>
/// Turns the row store's blocks into the selected rows of every series, newest first (prediction id breaks a tie, so
/// an answer is repeatable). The store answers days newest first and, within a day, blocks in descending order of their
/// newest row, each block's rows newest first; so once a block arrives, every row held that is newer than its newest row
/// can be answered, since no block still to come holds a newer one. What the merge holds at once is the blocks that
/// overlap in time — a part's rows and those of the parts beside it — not a day. Blocks without a selected row are
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
        var held = new PriorityQueue<Cursor, ExampleRow>(Order.Instance);
        DateTime? day = null;
        await foreach (var block in blocks.WithCancellation(cancellationToken))
        {
            if (block.Count == 0)
            {
                continue;
            }

            tally.Sampled |= block.Sampled;
            var newest = block.Timestamps[0];
            var sameDay = day == newest.UtcDateTime.Date;
            foreach (var row in Answer(held, sameDay ? newest : null))
            {
                yield return row;
            }

            day = newest.UtcDateTime.Date;
            var holds = selection.Bind(block);
            var rows = Enumerable.Range(0, block.Count).Where(holds).ToArray();
            if (rows.Length > 0)
            {
                held.Enqueue(new Cursor(block, rows, 0), new ExampleRow(block, rows[0]));
            }
        }

        tally.ReadToEnd = true;
        foreach (var row in Answer(held, null))
        {
            yield return row;
        }
    }

    // The held rows newer than bound (every one when there is none), newest first.
    private static IEnumerable<ExampleRow> Answer(PriorityQueue<Cursor, ExampleRow> held, DateTimeOffset? bound)
    {
        while (held.TryPeek(out var cursor, out var row) && (bound is not { } newest || row.Timestamp > newest))
        {
            held.Dequeue();
            yield return row;
            if (cursor.Position + 1 < cursor.Rows.Length)
            {
                var next = cursor with { Position = cursor.Position + 1 };
                held.Enqueue(next, new ExampleRow(cursor.Block, cursor.Rows[next.Position]));
            }
        }
    }

    /// <summary>The selected rows of a held block and the position of the next one to answer.</summary>
    private readonly record struct Cursor(RowBlock Block, int[] Rows, int Position);

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
