using System.Collections.Immutable;
using OrleansEval.Ingest;
using OrleansEval.Models;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// Collects, beside <see cref="SeriesColumns"/> and in the same record order, what the row store needs of a series'
/// accepted records that the column chunks do not hold: prediction ids, exact event times and tags.
/// </summary>
internal sealed class SeriesRowsBuilder(SeriesId series, ImmutableArray<FeatureDefinition> tags)
{
    private readonly ImmutableArray<string>.Builder _predictionIds = ImmutableArray.CreateBuilder<string>();
    private readonly List<DateTimeOffset> _timestamps = [];
    private readonly List<string?>[] _tags = [.. tags.Select(_ => new List<string?>())];

    /// <summary>Adds an accepted record.</summary>
    public void Add(RecordRow record)
    {
        _predictionIds.Add(record.PredictionId);
        _timestamps.Add(record.Timestamp);
        for (var i = 0; i < tags.Length; i++)
        {
            _tags[i].Add(record.Tags.GetValueOrDefault(tags[i].Name).AsCategory());
        }
    }

    /// <summary>The rows collected, with a column for every tag some record carries.</summary>
    public SeriesRows Build() => new(
        series,
        _predictionIds.ToImmutable(),
        _timestamps,
        [.. tags.Select((tag, i) => (tag, i)).Where(t => _tags[t.i].Exists(v => v is not null)).Select(t => new CodedColumn(t.tag.Name, _tags[t.i]))]);
}
