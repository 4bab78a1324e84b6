namespace OrleansEval.Sketches.Slicing;

/// <summary>
/// One slice of a search's answer with its SliceLine score and a significance test of its error against the rows outside
/// it; <see cref="QValue"/> is the Benjamini–Hochberg q-value over every slice the search examined.
/// </summary>
/// <param name="Conditions">The conjunction, in column order of the table.</param>
/// <param name="Size">Rows in the slice.</param>
/// <param name="Error">Mean error of the slice.</param>
/// <param name="ErrorSum">Sum of the slice's errors.</param>
/// <param name="Score">α·(ē_s/ē − 1) − (1 − α)·(n/|s| − 1).</param>
/// <param name="ErrorVsRest">The slice's mean error minus the mean error of the rows outside it.</param>
/// <param name="PValue">Two-sided p-value of the slice's error against the rest.</param>
/// <param name="QValue">Benjamini–Hochberg q-value of <see cref="PValue"/>.</param>
/// <param name="Test">The test that gave the p-value: <c>twoProportionZ</c>, <c>fisherExact</c> or <c>welchT</c>.</param>
public sealed record SliceFinding(
    IReadOnlyList<SliceCondition> Conditions,
    int Size,
    double Error,
    double ErrorSum,
    double Score,
    double ErrorVsRest,
    double PValue,
    double QValue,
    string Test);
