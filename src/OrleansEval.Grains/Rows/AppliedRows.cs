using System.Collections.Immutable;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Rows;

/// <summary>A batch's rows as a row grain holds them until they are written: the batch, its chunks by column and its event times.</summary>
internal sealed class AppliedRows
{
    private readonly Dictionary<string, ColumnChunk> _chunks = new(StringComparer.Ordinal);

    public AppliedRows(RowBatch batch, DateTimeOffset arrived)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Batch = batch;
        Arrived = arrived;
        Timestamps = batch.Rows.Timestamps();
        foreach (var chunk in batch.Chunks)
        {
            var column = FeatureKey.Parse(chunk.FeatureKey).Column;
            _chunks[column] = chunk.Chunk;
            Columns.Add(column);
        }
    }

    /// <summary>The batch.</summary>
    public RowBatch Batch { get; }

    /// <summary>When the store took the batch.</summary>
    public DateTimeOffset Arrived { get; }

    /// <summary>Each record's event time.</summary>
    public ImmutableArray<DateTimeOffset> Timestamps { get; }

    /// <summary>The batch's columns (features, then prediction and actual columns), in schema order.</summary>
    public List<string> Columns { get; } = [];

    /// <summary>The chunk of <paramref name="column"/>, null when the batch has none.</summary>
    public ColumnChunk? Chunk(string column) => _chunks.GetValueOrDefault(column);

    /// <summary>Record <paramref name="row"/>'s number in <paramref name="column"/>: NaN when missing or absent.</summary>
    public double Number(string column, int row) =>
        _chunks.TryGetValue(column, out var chunk) && !chunk.Numbers.IsDefaultOrEmpty ? chunk.Numbers[row] : double.NaN;

    /// <summary>Record <paramref name="row"/>'s category in <paramref name="column"/>: null when missing or absent.</summary>
    public string? Category(string column, int row) =>
        _chunks.TryGetValue(column, out var chunk) && chunk.Numbers.IsDefaultOrEmpty ? chunk.Category(row) : null;
}
