using OrleansEval.Sketches.Binning;

namespace OrleansEval.Sketches.Tests.Drift;

/// <summary>Bin counts of a vector case's raw samples, cut with the case's own cut points or categories.</summary>
internal static class DriftVectorBinning
{
    public static (double[] Reference, double[] Current) Counts(DriftVectorCase vector)
    {
        if (vector.IsNumeric)
        {
            var edges = new BinEdges(vector.ExpectedArray("bins.cut_points"));
            return (CountNumeric(edges, vector.NumericReference), CountNumeric(edges, vector.NumericCurrent));
        }

        var categories = vector.Element("bins.categories").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < categories.Length; i++)
        {
            index.Add(categories[i], i);
        }

        return (CountCategorical(index, vector.CategoricalReference), CountCategorical(index, vector.CategoricalCurrent));
    }

    private static double[] CountNumeric(BinEdges edges, double[] sample)
    {
        var counts = new double[edges.BinCount];
        foreach (var value in sample)
        {
            counts[edges.BinOf(value)]++;
        }

        return counts;
    }

    private static double[] CountCategorical(Dictionary<string, int> index, string[] sample)
    {
        var counts = new double[index.Count];
        foreach (var value in sample)
        {
            counts[index[value]]++;
        }

        return counts;
    }
}
