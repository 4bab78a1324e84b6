using System.Collections.Immutable;

namespace OrleansEval.Drift;

/// <summary>
/// One drift measure of a column in a drift answer: its name, its decision score (the value itself, or a test's p-value;
/// null when undefined) and, for a test, the parts of its result, which the API writes as an object.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.MeasureValue")]
[Immutable]
public sealed record MeasureValue
{
    /// <summary>The measure's API name.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>The score a threshold is compared with; null when the measure is undefined for the data.</summary>
    [Id(1)] public double? Score { get; init; }

    /// <summary>A test's parts in the order the API writes them; empty for a measure that is a single number.</summary>
    [Id(2)] public ImmutableArray<MeasurePart> Parts { get; init; } = [];

    /// <summary>The numeric part named <paramref name="part"/>, or null when there is none.</summary>
    public double? NumberOf(string part) => Find(part)?.Number;

    /// <summary>The textual part named <paramref name="part"/>, or null when there is none.</summary>
    public string? TextOf(string part) => Find(part)?.Text;

    /// <summary>The yes/no part named <paramref name="part"/>, or null when there is none.</summary>
    public bool? FlagOf(string part) => Find(part)?.Flag;

    /// <summary>Equal when the name, the score and every part are equal, in order.</summary>
    public bool Equals(MeasureValue? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Nullable.Equals(Score, other.Score)
        && Parts.AsSpan().SequenceEqual(other.Parts.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Score, Parts.Length);

    private MeasurePart? Find(string part)
    {
        foreach (var candidate in Parts)
        {
            if (string.Equals(candidate.Name, part, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }
}
