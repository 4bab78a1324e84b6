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
            NumericReference = VectorJson.ReadDoubles(input.GetProperty("reference"));
            NumericCurrent = VectorJson.ReadDoubles(input.GetProperty("current"));
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

    public static TheoryData<string> AllNames => VectorJson.ToTheoryData(All.Value.Keys);

    public static TheoryData<string> NumericNames => VectorJson.ToTheoryData(All.Value.Values.Where(c => c.IsNumeric).Select(c => c.Name));

    public static DriftVectorCase Get(string name) => All.Value[name];

    /// <summary>The expected number at a dotted path under <c>expected.drift</c>; the strings "NaN" and "Infinity" are numbers too.</summary>
    public double Expected(string path) => VectorJson.ReadDouble(Element(path));

    public double[] ExpectedArray(string path) => VectorJson.ReadDoubles(Element(path));

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

    private static Dictionary<string, DriftVectorCase> Load() =>
        VectorJson.Cases("drift-vectors.json").ToDictionary(c => c.Name, c => new DriftVectorCase(c.Name, c.Input, c.Expected.GetProperty("drift")), StringComparer.Ordinal);
}
