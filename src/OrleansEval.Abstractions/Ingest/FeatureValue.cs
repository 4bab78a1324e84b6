using System.Globalization;

namespace OrleansEval.Ingest;

/// <summary>One column's value in a record as the client sent it, before it is checked against the schema.</summary>
[GenerateSerializer]
[Alias("OrleansEval.FeatureValue")]
[Immutable]
public readonly record struct FeatureValue(
    [property: Id(0)] FeatureValueKind Kind,
    [property: Id(1)] double Number,
    [property: Id(2)] string? Text)
{
    /// <summary>A missing value.</summary>
    public static FeatureValue Missing => default;

    /// <summary>A number.</summary>
    public static FeatureValue Of(double number) =>
        double.IsFinite(number) ? new(FeatureValueKind.Number, number, null) : new(FeatureValueKind.NonFinite, number, null);

    /// <summary>A string.</summary>
    public static FeatureValue Of(string text) => new(FeatureValueKind.Text, 0, text);

    /// <summary>A boolean, kept as the category "true" or "false".</summary>
    public static FeatureValue Of(bool value) => new(FeatureValueKind.Boolean, 0, value ? "true" : "false");

    /// <summary>
    /// The category this value stands for: strings as sent, booleans as "true"/"false", numbers in their shortest
    /// round-trip invariant form (so 1 and 1.0 are the same category); null for anything else.
    /// </summary>
    public string? AsCategory() => Kind switch
    {
        FeatureValueKind.Text or FeatureValueKind.Boolean => Text,
        FeatureValueKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };
}
