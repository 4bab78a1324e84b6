namespace OrleansEval.Sketches.Comparison;

/// <summary>Ranks from 1, tied values sharing the mean of the ranks they span (midranks).</summary>
public static class MidRanks
{
    /// <summary>The midrank of each value, in the order given.</summary>
    public static double[] Of(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var sorted = (double[])values.Clone();
        Array.Sort(sorted, order);
        var ranks = new double[values.Length];
        for (var start = 0; start < sorted.Length;)
        {
            var end = start;
            while (end + 1 < sorted.Length && sorted[end + 1] == sorted[start])
            {
                end++;
            }

            var midrank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = midrank;
            }

            start = end + 1;
        }

        return ranks;
    }
}
