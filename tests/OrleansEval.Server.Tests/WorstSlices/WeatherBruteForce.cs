using System.Globalization;
using System.Text.Json;
using OrleansEval.Slices;

namespace OrleansEval.Server.Tests.WorstSlices;

/// <summary>
/// Every conjunction of one or two predicates over the weather production rows of a window, counted row by row
/// (a category, or one of a numeric feature's baseline bins), scored as SliceLine scores and ranked as the search ranks:
/// score, then fewer conditions, then column and code order.
/// </summary>
internal static class WeatherBruteForce
{
    private static readonly string[] Numeric = ["temp_max", "temp_min", "temp_range", "wind"];

    public sealed record Slice(string Name, int Size, double Error, double Score, int[] Order);

    public static (int Rows, double Error, List<Slice> Slices) Top(string productionFile, IReadOnlyDictionary<string, double[]> cutPoints, DateTimeOffset from, DateTimeOffset to, double alpha, int minSize)
    {
        var rows = new List<(int[] Codes, double Error)>();
        var locations = new SortedSet<string>(StringComparer.Ordinal);
        var raw = new List<(string Location, double[] Values, double Error)>();
        foreach (var line in File.ReadLines(productionFile).Where(line => line.Length > 0))
        {
            using var record = JsonDocument.Parse(line);
            var root = record.RootElement;
            var time = DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
            if (time < from || time >= to)
            {
                continue;
            }

            var features = root.GetProperty("features");
            var location = features.GetProperty("location").GetString()!;
            locations.Add(location);
            raw.Add((location, [.. Numeric.Select(name => features.GetProperty(name).GetDouble())], root.GetProperty("prediction").GetInt32() == root.GetProperty("actual").GetInt32() ? 0 : 1));
        }

        var categories = locations.ToList();
        List<string[]> labels = [[.. categories.Select(c => $"location = {c}")]];
        labels.AddRange(Numeric.Select(name => Labels(name, cutPoints[name])));
        foreach (var (location, values, error) in raw)
        {
            rows.Add(([categories.IndexOf(location), .. Numeric.Select((name, i) => cutPoints[name].Count(cut => cut <= values[i]))], error));
        }

        var mean = rows.Average(row => row.Error);
        var slices = new List<Slice>();
        for (var a = 0; a < labels.Count; a++)
        {
            for (var codeA = 0; codeA < labels[a].Length; codeA++)
            {
                Add(slices, rows, [(a, codeA)], labels, alpha, mean, minSize);
                for (var b = a + 1; b < labels.Count; b++)
                {
                    for (var codeB = 0; codeB < labels[b].Length; codeB++)
                    {
                        Add(slices, rows, [(a, codeA), (b, codeB)], labels, alpha, mean, minSize);
                    }
                }
            }
        }

        slices.Sort((left, right) =>
        {
            var byScore = right.Score.CompareTo(left.Score);
            var byLength = left.Order.Length.CompareTo(right.Order.Length);
            return byScore != 0 ? byScore : byLength != 0 ? byLength : Lexicographic(left.Order, right.Order);
        });
        return (rows.Count, mean, slices);
    }

    private static void Add(List<Slice> slices, List<(int[] Codes, double Error)> rows, (int Column, int Code)[] conditions, List<string[]> labels, double alpha, double mean, int minSize)
    {
        var members = rows.Where(row => conditions.All(condition => row.Codes[condition.Column] == condition.Code)).ToList();
        if (members.Count < minSize)
        {
            return;
        }

        var errorSum = members.Sum(row => row.Error);
        var score = (alpha * ((errorSum / members.Count / mean) - 1)) - ((1 - alpha) * (((double)rows.Count / members.Count) - 1));
        if (score > 0)
        {
            var name = string.Join(" & ", conditions.Select(condition => labels[condition.Column][condition.Code]));
            slices.Add(new Slice(name, members.Count, errorSum / members.Count, score, [.. conditions.SelectMany(condition => new[] { condition.Column, condition.Code })]));
        }
    }

    private static string[] Labels(string name, double[] cuts) =>
        [.. Enumerable.Range(0, cuts.Length + 1).Select(bin => $"{name} in {SliceCondition.Interval(bin == 0 ? double.NegativeInfinity : cuts[bin - 1], bin == cuts.Length ? double.PositiveInfinity : cuts[bin])}")];

    private static int Lexicographic(int[] left, int[] right)
    {
        for (var i = 0; i < left.Length; i++)
        {
            if (left[i] != right[i])
            {
                return left[i].CompareTo(right[i]);
            }
        }

        return 0;
    }
}
