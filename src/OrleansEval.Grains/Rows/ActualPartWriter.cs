using Parquet;
using Parquet.Schema;

namespace OrleansEval.Grains.Rows;

/// <summary>Writes a day's late actuals of a model as one Parquet part: prediction id, actual label, actual value, arrival time.</summary>
internal static class ActualPartWriter
{
    /// <summary>The Parquet bytes of <paramref name="actuals"/>, in their order.</summary>
    public static async Task<byte[]> WriteAsync(IReadOnlyList<PendingActual> actuals, CancellationToken cancellationToken)
    {
        DataField[] fields =
        [
            RowSchema.RequiredText(RowSchema.PredictionId),
            RowSchema.Text(RowSchema.ActualLabel),
            RowSchema.Number(RowSchema.ActualValue),
            RowSchema.Time(RowSchema.Arrived),
        ];
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, cancellationToken: cancellationToken))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(fields[0], actuals.Select(a => a.PredictionId).ToList());
            await group.WriteAsync(fields[1], actuals.Select(a => a.Label).ToList());
            await RowPartWriter.WriteNumbersAsync(group, fields[2], actuals.Select(a => a.Value), cancellationToken);
            await RowPartWriter.WriteTimesAsync(group, fields[3], actuals.Select(a => a.Arrived), cancellationToken);
        }

        return stream.ToArray();
    }
}
