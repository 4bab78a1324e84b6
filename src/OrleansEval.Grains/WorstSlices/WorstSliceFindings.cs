using System.Collections.Immutable;
using OrleansEval.Sketches.Slicing;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.WorstSlices;

/// <summary>Writes a search's result as the report: conditions in the slice syntax, and each slice's accuracy for a classifier.</summary>
internal static class WorstSliceFindings
{
    public static WorstSliceReport Report(WorstSliceQuery query, string? baseline, SliceTableBuilder builder, SliceTable table, IReadOnlyList<CodedColumn> columns, SliceSearchResult result)
    {
        var accuracy = builder.Classifier && builder.Rows > 0 ? builder.CorrectRows / (double)builder.Rows : (double?)null;
        var correct = builder.Classifier ? builder.Correct() : [];
        var slices = result.Slices.Select(finding => new WorstSlice
        {
            Conditions = [.. finding.Conditions.Select(condition => columns.Single(column => column.Name == condition.Column).Condition(condition.Label))],
            Size = finding.Size,
            Error = finding.Error,
            Accuracy = builder.Classifier ? Accuracy(table, correct, finding) : null,
            Score = finding.Score,
            ErrorVsRest = finding.ErrorVsRest,
            PValue = finding.PValue,
            QValue = finding.QValue,
            Test = finding.Test,
        }).ToImmutableArray();
        return new WorstSliceReport
        {
            From = query.From,
            To = query.To,
            Rows = result.Rows,
            Sampled = builder.Sampled,
            Metric = query.Metric,
            OverallError = result.Rows == 0 ? null : result.OverallError,
            OverallAccuracy = accuracy,
            Slices = slices,
            Examined = result.Examined,
            MinSize = result.MinSize,
            Reason = slices.IsEmpty ? Reason(query, result) : null,
            Baseline = baseline,
            Unbinned = [.. builder.Unbinned],
        };
    }

    private static string Reason(WorstSliceQuery query, SliceSearchResult result) =>
        result.Rows == 0 ? query.Metric is SliceErrorMetrics.Error
                ? "the window has no labelled rows"
                : $"the window has no labelled rows that {query.Metric} can score"
            : !(result.OverallError > 0) ? "no row of the window has an error"
            : $"no slice of at least {result.MinSize} rows scores above 0";

    // Correct rows among the slice's: every condition's column holds its code.
    private static double Accuracy(SliceTable table, bool[] correct, SliceFinding finding)
    {
        var conditions = finding.Conditions
            .Select(condition => (Codes: Codes(table.Columns.Single(column => column.Name == condition.Column)), condition.Code))
            .ToArray();
        var right = 0;
        for (var row = 0; row < table.RowCount; row++)
        {
            var holds = correct[row];
            for (var i = 0; i < conditions.Length && holds; i++)
            {
                holds = conditions[i].Codes[row] == conditions[i].Code;
            }

            right += holds ? 1 : 0;
        }

        return right / (double)finding.Size;
    }

    private static int[] Codes(SliceColumn column) => column.Codes as int[] ?? [.. column.Codes];
}
