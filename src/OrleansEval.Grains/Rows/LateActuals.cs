using Parquet;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// A model's late actuals and corrections in the row store, by prediction id: for each, the one that arrived last
/// (a correction replaces what it corrects).
/// </summary>
internal sealed class LateActuals
{
    private readonly Dictionary<string, PendingActual> _latest = new(StringComparer.Ordinal);

    /// <summary>True when the model has no late actual kept.</summary>
    public bool IsEmpty => _latest.Count == 0;

    /// <summary>The latest late actual of <paramref name="predictionId"/>, if any.</summary>
    public bool TryGet(string predictionId, out PendingActual actual) => _latest.TryGetValue(predictionId, out actual);

    /// <summary>Reads every part of the model's late actuals that retention keeps, in part order.</summary>
    public static async Task<LateActuals> ReadAsync(IRowBlobStore store, Keys.RowGrainKey key, RowRetention retention, CancellationToken cancellationToken)
    {
        var actuals = new LateActuals();
        await foreach (var name in store.ListAsync(RowPaths.Prefix(key), cancellationToken))
        {
            if (RowPaths.TryDay(key, name, out var day) && !retention.IsExpired(day) && await store.GetAsync(name, cancellationToken) is { } content)
            {
                await actuals.AddPartAsync(content, cancellationToken);
            }
        }

        return actuals;
    }

    private async Task AddPartAsync(byte[] content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content, writable: false);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
        using var groups = RowPartGroups.Open(reader);
        var count = groups.Count;
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var ids = await groups.TextsAsync(fields[RowSchema.PredictionId], cancellationToken);
        var labels = await groups.TextsAsync(fields[RowSchema.ActualLabel], cancellationToken);
        var values = await groups.NumbersAsync(fields[RowSchema.ActualValue], cancellationToken);
        var arrived = await groups.TimesAsync(fields[RowSchema.Arrived], cancellationToken);
        for (var i = 0; i < count; i++)
        {
            // Parts are read in order and a part's actuals in arrival order: on equal times the later one wins.
            if (!_latest.TryGetValue(ids[i]!, out var held) || held.Arrived <= arrived[i])
            {
                _latest[ids[i]!] = new PendingActual(ids[i]!, labels[i], values[i], arrived[i]);
            }
        }
    }
}
