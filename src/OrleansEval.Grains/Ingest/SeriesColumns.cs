using System.Collections.Immutable;
using OrleansEval.Grains.Models;
using OrleansEval.Ingest;
using OrleansEval.Models;

namespace OrleansEval.Grains.Ingest;

/// <summary>The accepted rows of one series in a batch, turned into one growing array per column.</summary>
internal sealed class SeriesColumns
{
    private readonly IReadOnlyList<ModelColumn> _columns;
    private readonly ImmutableArray<long>.Builder _bucketStarts = ImmutableArray.CreateBuilder<long>();
    private readonly ImmutableArray<double>.Builder?[] _numbers;
    private readonly ImmutableArray<string?>.Builder?[] _categories;

    public SeriesColumns(IReadOnlyList<ModelColumn> columns)
    {
        _columns = columns;
        _numbers = new ImmutableArray<double>.Builder?[columns.Count];
        _categories = new ImmutableArray<string?>.Builder?[columns.Count];
        _typeErrors = new ImmutableArray<long>.Builder?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Type == FeatureType.Numeric)
            {
                _numbers[i] = ImmutableArray.CreateBuilder<double>();
            }
            else
            {
                _categories[i] = ImmutableArray.CreateBuilder<string?>();
            }
        }
    }

    private readonly ImmutableArray<long>.Builder?[] _typeErrors;

    public int Rows => _bucketStarts.Count;

    /// <summary>Counts a record rejected because of column <paramref name="column"/>'s value.</summary>
    public void AddTypeError(int column, long bucketStart) => (_typeErrors[column] ??= ImmutableArray.CreateBuilder<long>()).Add(bucketStart);

    public void Add(long bucketStart, double[] numbers, string?[] categories)
    {
        _bucketStarts.Add(bucketStart);
        for (var i = 0; i < _columns.Count; i++)
        {
            _numbers[i]?.Add(numbers[i]);
            _categories[i]?.Add(categories[i]);
        }
    }

    /// <summary>One chunk per column, sharing the bucket starts and the model's bucket size.</summary>
    public IEnumerable<(ModelColumn Column, ColumnChunk Chunk)> ToChunks(string batchId, TimeSpan bucket)
    {
        var bucketStarts = _bucketStarts.ToImmutable();
        for (var i = 0; i < _columns.Count; i++)
        {
            var numbers = _numbers[i]?.ToImmutable() ?? [];
            var categories = _categories[i]?.ToImmutable() ?? [];
            var chunk = new ColumnChunk(batchId, bucketStarts, numbers, categories, _typeErrors[i]?.ToImmutable() ?? []) { Bucket = bucket };
            if (!chunk.IsEmpty)
            {
                yield return (_columns[i], chunk);
            }
        }
    }
}
