namespace OrleansEval.Sketches.Drift;

/// <summary>
/// One named part of a test's result, such as its statistic, p-value, degrees of freedom or method; exactly one of
/// <see cref="Number"/>, <see cref="Text"/> and <see cref="Flag"/> is set.
/// </summary>
/// <param name="Name">The part's API name (camelCase).</param>
/// <param name="Number">A numeric part.</param>
/// <param name="Text">A textual part.</param>
/// <param name="Flag">A yes/no part.</param>
public readonly record struct DriftMeasureDetail(string Name, double? Number, string? Text, bool? Flag)
{
    /// <summary>A numeric part.</summary>
    public static DriftMeasureDetail Of(string name, double number) => new(name, number, null, null);

    /// <summary>A textual part.</summary>
    public static DriftMeasureDetail Of(string name, string text) => new(name, null, text, null);

    /// <summary>A yes/no part.</summary>
    public static DriftMeasureDetail Of(string name, bool flag) => new(name, null, null, flag);
}
