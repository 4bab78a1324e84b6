using System.Globalization;
using System.Text.Json;

namespace OrleansEval.Sketches.Tests;

/// <summary>Reads the reference vector files: their cases, and numbers that JSON holds as "NaN" or "Infinity".</summary>
internal static class VectorJson
{
    /// <summary>Every case of a file in <c>Vectors/</c> as (name, input, expected), detached from the document.</summary>
    public static IEnumerable<(string Name, JsonElement Input, JsonElement Expected)> Cases(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Vectors", file)));
        var cases = new List<(string, JsonElement, JsonElement)>();
        foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            cases.Add((item.GetProperty("name").GetString()!, item.GetProperty("input").Clone(), item.GetProperty("expected").Clone()));
        }

        return cases;
    }

    public static double[] ReadDoubles(JsonElement array) => array.EnumerateArray().Select(ReadDouble).ToArray();

    public static double ReadDouble(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => element.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => double.Parse(s!, CultureInfo.InvariantCulture),
        },
        _ => throw new InvalidOperationException($"Not a number: {element}"),
    };

    public static TheoryData<string> ToTheoryData(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }

        return data;
    }
}
