using System.Collections.Immutable;

namespace OrleansEval.Sketches.Drift;

/// <summary>
/// The value of one drift measure: its decision score (the value itself, or a test's p-value) and, for a test, the parts
/// of its result. A null score is undefined for the data, never a made-up number.
/// </summary>
public sealed class DriftMeasureResult
{
    private DriftMeasureResult(string name, double? score, ImmutableArray<DriftMeasureDetail> details)
    {
        Name = name;
        Score = score;
        Details = details;
    }

    /// <summary>The measure's API name.</summary>
    public string Name { get; }

    /// <summary>The score a threshold is compared with; null when the measure is undefined.</summary>
    public double? Score { get; }

    /// <summary>A test's parts in the order the API writes them; empty for a measure that is a single number.</summary>
    public ImmutableArray<DriftMeasureDetail> Details { get; }

    /// <summary>A measure that is a single number, or undefined when <paramref name="value"/> is null.</summary>
    public static DriftMeasureResult Number(string name, double? value) => new(name, value, []);

    /// <summary>A test whose decision score is <paramref name="score"/> and whose result has <paramref name="details"/>.</summary>
    public static DriftMeasureResult Test(string name, double score, params ReadOnlySpan<DriftMeasureDetail> details) =>
        new(name, score, [.. details]);

    /// <summary>A measure that is undefined for the data.</summary>
    public static DriftMeasureResult Undefined(string name) => new(name, null, []);

    /// <summary>The numeric part named <paramref name="detail"/>, or null when there is none.</summary>
    public double? NumberOf(string detail) => Find(detail)?.Number;

    /// <summary>The textual part named <paramref name="detail"/>, or null when there is none.</summary>
    public string? TextOf(string detail) => Find(detail)?.Text;

    /// <summary>The yes/no part named <paramref name="detail"/>, or null when there is none.</summary>
    public bool? FlagOf(string detail) => Find(detail)?.Flag;

    private DriftMeasureDetail? Find(string detail)
    {
        foreach (var part in Details)
        {
            if (string.Equals(part.Name, detail, StringComparison.Ordinal))
            {
                return part;
            }
        }

        return null;
    }
}
