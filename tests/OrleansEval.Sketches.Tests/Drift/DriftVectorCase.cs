using System.Globalization;
using System.Text.Json;

namespace OrleansEval.Sketches.Tests.Drift;

/// <summary>One case of Vectors/drift-vectors.json: the raw samples and the reference's expected drift output.</summary>
internal sealed class DriftVectorCase
{
    private static readonly Lazy<Dictionary<string, DriftVectorCase>> All = new(Load);

    private DriftVectorCase(string name, JsonElement input, JsonElement drift)
    {
        Name = name;
        Drift = drift;
        Kind = input.GetProperty("kind").GetString()!;
        if (IsNumeric)
        {
            NumericReference = ReadDoubles(input.GetProperty("reference"));
            NumericCurrent = ReadDoubles(input.GetProperty("current"));
        }
        else
        {
            CategoricalReference = input.GetProperty("reference").EnumerateArray().Select(e => e.GetString()!).ToArray();
            CategoricalCurrent = input.GetProperty("current").EnumerateArray().Select(e => e.GetString()!).ToArray();
        }
    }

    public string Name { get; }

    public string Kind { get; }

    public bool IsNumeric => Kind == "numeric";

    public double[] NumericReference { get; } = [];

    public double[] NumericCurrent { get; } = [];

    public string[] CategoricalReference { get; } = [];

    public string[] CategoricalCurrent { get; } = [];

    /// <summary>The <c>expected.drift</c> object.</summary>
    public JsonElement Drift { get; }

    public static IEnumerable<string> Names => All.Value.Keys;

    public static TheoryData<string> AllNames => ToTheoryData(All.Value.Keys);

    public static TheoryData<string> NumericNames => ToTheoryData(All.Value.Values.Where(c => c.IsNumeric).Select(c => c.Name));

    public static DriftVectorCase Get(string name) => All.Value[name];

    /// <summary>The expected number at a dotted path under <c>expected.drift</c>; the strings "NaN" and "Infinity" are numbers too.</summary>
    public double Expected(string path) => ReadDouble(Element(path));

    public double[] ExpectedArray(string path) => ReadDoubles(Element(path));

    public string ExpectedString(string path) => Element(path).GetString()!;

    public bool Has(string path)
    {
        var element = Drift;
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return false;
            }
        }

        return element.ValueKind != JsonValueKind.Null;
    }

    public JsonElement Element(string path)
    {
        var element = Drift;
        foreach (var part in path.Split('.'))
        {
            element = element.GetProperty(part);
        }

        return element;
    }

    public override string ToString() => Name;

    private static double[] ReadDoubles(JsonElement array) => array.EnumerateArray().Select(ReadDouble).ToArray();

    private static double ReadDouble(JsonElement element) => element.ValueKind switch
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

    private static TheoryData<string> ToTheoryData(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }

        return data;
    }

    private static Dictionary<string, DriftVectorCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "drift-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var cases = new Dictionary<string, DriftVectorCase>(StringComparer.Ordinal);
        foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var name = item.GetProperty("name").GetString()!;
            cases.Add(name, new DriftVectorCase(name, item.GetProperty("input").Clone(), item.GetProperty("expected").GetProperty("drift").Clone()));
        }

        return cases;
    }
}
