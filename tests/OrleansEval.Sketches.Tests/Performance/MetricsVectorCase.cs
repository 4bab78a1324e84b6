using System.Text.Json;

namespace OrleansEval.Sketches.Tests.Performance;

/// <summary>One case of Vectors/metrics-vectors.json: the inputs and the reference's expected classification or regression output.</summary>
internal sealed class MetricsVectorCase
{
    private static readonly Lazy<Dictionary<string, MetricsVectorCase>> All = new(Load);

    private MetricsVectorCase(string name, JsonElement input, JsonElement expected)
    {
        Name = name;
        IsRegression = input.TryGetProperty("task", out var task) && task.GetString() == "regression";
        Expected = expected.GetProperty(IsRegression ? "regression" : "classification");
        var truth = input.GetProperty("y_true");
        if (IsRegression)
        {
            Actuals = VectorJson.ReadDoubles(truth);
            Predictions = VectorJson.ReadDoubles(input.GetProperty("y_pred"));
        }
        else if (input.TryGetProperty("y_score", out var scores))
        {
            Scores = VectorJson.ReadDoubles(scores);
            Threshold = input.GetProperty("threshold").GetDouble();
            ActualPositive = truth.EnumerateArray().Select(e => e.GetInt32() == 1).ToArray();
            PredictedPositive = Scores.Select(s => s >= Threshold).ToArray();
            TrueLabels = ActualPositive.Select(a => a ? "1" : "0").ToArray();
            PredictedLabels = PredictedPositive.Select(p => p ? "1" : "0").ToArray();
        }
        else
        {
            TrueLabels = truth.EnumerateArray().Select(e => e.GetString()!).ToArray();
            PredictedLabels = input.GetProperty("y_pred").EnumerateArray().Select(e => e.GetString()!).ToArray();
        }
    }

    public string Name { get; }

    public bool IsRegression { get; }

    public bool IsBinary => Scores.Length > 0;

    /// <summary>The <c>expected.classification</c> or <c>expected.regression</c> object.</summary>
    public JsonElement Expected { get; }

    public double[] Scores { get; } = [];

    public double Threshold { get; }

    public bool[] ActualPositive { get; } = [];

    /// <summary><c>y_score ≥ threshold</c>, as the vectors derive <c>y_pred</c>.</summary>
    public bool[] PredictedPositive { get; } = [];

    public string[] TrueLabels { get; } = [];

    public string[] PredictedLabels { get; } = [];

    public double[] Actuals { get; } = [];

    public double[] Predictions { get; } = [];

    public static TheoryData<string> BinaryNames => VectorJson.ToTheoryData(All.Value.Values.Where(c => c.IsBinary).Select(c => c.Name));

    /// <summary>Every classification case: the binary ones with labels "0" and "1".</summary>
    public static TheoryData<string> ClassificationNames => VectorJson.ToTheoryData(All.Value.Values.Where(c => !c.IsRegression).Select(c => c.Name));

    public static TheoryData<string> RegressionNames => VectorJson.ToTheoryData(All.Value.Values.Where(c => c.IsRegression).Select(c => c.Name));

    public static MetricsVectorCase Get(string name) => All.Value[name];

    public bool Has(string name) => Expected.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public double Number(string name) => VectorJson.ReadDouble(Expected.GetProperty(name));

    public long[] Counts(string name) => Expected.GetProperty(name).EnumerateArray().Select(e => e.GetInt64()).ToArray();

    public override string ToString() => Name;

    private static Dictionary<string, MetricsVectorCase> Load() =>
        VectorJson.Cases("metrics-vectors.json").ToDictionary(c => c.Name, c => new MetricsVectorCase(c.Name, c.Input, c.Expected), StringComparer.Ordinal);
}
