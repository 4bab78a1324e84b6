using System.Collections.Immutable;
using OrleansEval.Ingest;

namespace OrleansEval.Performance;

/// <summary>
/// The prediction rows of a slice delta, kept by column as a chunk is: slice members and predicted labels as codes,
/// bucket starts as runs, scores and predicted values only when the task has them. A batch's deltas are written to the
/// ingest log and sent to every slice family, so the rows cost what they say, not a tagged struct each. Scores and
/// predicted values are packed bytes (<see cref="PackedNumbers"/>, fields 8 and 9); columns written before, a field per
/// value (fields 4 and 7), still read back.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.PredictionColumns")]
[Immutable]
public sealed record PredictionColumns
{
    /// <summary>The columns of <paramref name="rows"/>.</summary>
    public PredictionColumns(IReadOnlyList<PredictionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        (Members, MemberCodes) = CompactColumns.Encode(rows.Select(r => (string?)r.Member));
        (RunStarts, RunEnds) = CompactColumns.Runs(rows.Select(r => r.BucketStart));
        PackedScores = Packed(CompactColumns.UnlessAllNaN([.. rows.Select(r => r.Score)]));
        (Labels, PredictedCodes) = CompactColumns.Encode(rows.Select(r => r.Predicted));
        PackedPredictedValues = Packed(CompactColumns.UnlessAllNaN([.. rows.Select(r => r.PredictedValue)]));
    }

    /// <summary>Number of rows.</summary>
    public int Count => MemberCodes.IsDefault ? 0 : MemberCodes.Length;

    [Id(0)] private ImmutableArray<string> Members { get; init; }

    [Id(1)] private ImmutableArray<int> MemberCodes { get; init; }

    [Id(2)] private ImmutableArray<long> RunStarts { get; init; }

    [Id(3)] private ImmutableArray<int> RunEnds { get; init; }

    [Id(4)] private ImmutableArray<double> LegacyScores { get; init; }

    [Id(5)] private ImmutableArray<string> Labels { get; init; }

    [Id(6)] private ImmutableArray<int> PredictedCodes { get; init; }

    [Id(7)] private ImmutableArray<double> LegacyPredictedValues { get; init; }

    [Id(8)] private PackedNumbers? PackedScores { get; init; }

    [Id(9)] private PackedNumbers? PackedPredictedValues { get; init; }

    private ImmutableArray<double> Scores => PackedScores?.Values ?? LegacyScores;

    private ImmutableArray<double> PredictedValues => PackedPredictedValues?.Values ?? LegacyPredictedValues;

    /// <summary>Row <paramref name="row"/>.</summary>
    public PredictionRow this[int row] => new(
        CompactColumns.Decode(Members, MemberCodes[row])!,
        CompactColumns.RunValue(RunStarts, RunEnds, row),
        CompactColumns.ValueAt(Scores, row),
        CompactColumns.Decode(Labels, PredictedCodes[row]),
        CompactColumns.ValueAt(PredictedValues, row));

    /// <summary>Every row, in order.</summary>
    public ImmutableArray<PredictionRow> ToRows()
    {
        var rows = ImmutableArray.CreateBuilder<PredictionRow>(Count);
        for (var i = 0; i < Count; i++)
        {
            rows.Add(this[i]);
        }

        return rows.MoveToImmutable();
    }

    // A column every value of which is NaN is left out, as before.
    private static PackedNumbers? Packed(ImmutableArray<double> values) => values.IsDefaultOrEmpty ? null : new PackedNumbers(values);
}
