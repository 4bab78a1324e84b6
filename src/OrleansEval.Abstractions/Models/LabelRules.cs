using OrleansEval.Keys;

namespace OrleansEval.Models;

/// <summary>
/// Limits on class labels: those a model declares (positive, negative and multiclass labels) and those records carry as
/// predicted or actual labels. Labels are values, not key parts, so any text without control characters fits.
/// </summary>
public static class LabelRules
{
    /// <summary>Longest label, in characters.</summary>
    public const int MaxLabelLength = 128;

    /// <summary>Most classes a multiclass model may declare; its confusion matrix grows with the square of this.</summary>
    public const int MaxClasses = 256;

    /// <summary>The rule of a label, as error details quote it.</summary>
    public const string LabelRule = "1 to 128 characters without control characters";

    /// <summary>Null when <paramref name="label"/> follows <see cref="LabelRule"/>; otherwise the quoted label and the rule.</summary>
    public static string? Check(string? label) =>
        label is { Length: > 0 and <= MaxLabelLength } && !label.Any(char.IsControl) ? null : $"{Quoting.Quote(label)} must be {LabelRule}";
}
