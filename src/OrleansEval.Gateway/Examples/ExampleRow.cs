using OrleansEval.Rows;

namespace OrleansEval.Gateway.Examples;

/// <summary>Row <see cref="Row"/> of <see cref="Block"/>: one kept record with its current actual.</summary>
internal readonly record struct ExampleRow(RowBlock Block, int Row)
{
    public DateTimeOffset Timestamp => Block.Timestamps[Row];

    public string PredictionId => Block.PredictionIds[Row];
}
