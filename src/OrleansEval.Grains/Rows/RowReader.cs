using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Keys;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// Reads a model's kept rows. It first asks the row grains of the series concerned and of the model's late actuals to
/// write what they buffer (so every acknowledged row is in a part) and how many rows each day had; then reads the
/// parts day by day, newest day first, one part at a time: a part's rows in the window become blocks in descending
/// timestamp order, each row with the latest of its own actual and the model's late actuals for its prediction id.
/// A day that had more rows than <c>RowsPerDay</c> keeps, per reservoir slot, the row with the highest number, and
/// its blocks say they are a sample. Cancellation is honoured between parts. One activation serves one read (callers
/// go through <see cref="RowReads"/>): placed on the caller's silo, and deactivated once the read ends.
/// </summary>
[PreferLocalPlacement]
internal sealed class RowReader(
    IGrainFactory grains,
    IRowBlobStore store,
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time) : Grain, IRowReader
{
    /// <summary>Most rows in one block.</summary>
    public const int BlockRows = 8_192;

    public async IAsyncEnumerable<RowBlock> ReadAsync(RowQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        try
        {
            await foreach (var block in BlocksAsync(query, cancellationToken))
            {
                yield return block;
            }
        }
        finally
        {
            DeactivateOnIdle();
        }
    }

    private async IAsyncEnumerable<RowBlock> BlocksAsync(RowQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var snapshot = await grains.GetGrain<IModelGrain>(query.ModelId).GetAsync();
        if (snapshot is null || query.To <= query.From)
        {
            yield break;
        }

        var series = snapshot.Series
            .Where(s => (query.Version is null || s.Version == query.Version) && (query.Environment is null || s.Environment == query.Environment))
            .ToList();
        var counts = await Task.WhenAll(series.Select(s => grains.GetGrain<IRowGrain>(RowGrainKey.For(query.ModelId, s).ToString()).FlushAsync()));
        var actualsKey = RowGrainKey.Actuals(query.ModelId);
        await grains.GetGrain<IRowGrain>(actualsKey.ToString()).FlushAsync();

        var retention = new RowRetention(options.Value.RowRetention, time.GetUtcNow());
        var late = await LateActuals.ReadAsync(store, actualsKey, retention, cancellationToken);
        var first = DateOnly.FromDateTime(query.From.UtcDateTime);
        var last = DateOnly.FromDateTime(query.To.AddTicks(-1).UtcDateTime);
        var parts = new List<(DateOnly Day, int Series, string Name)>();
        for (var s = 0; s < series.Count; s++)
        {
            var key = RowGrainKey.For(query.ModelId, series[s]);
            await foreach (var name in store.ListAsync(RowPaths.Prefix(key), cancellationToken))
            {
                if (RowPaths.TryDay(key, name, out var day) && day >= first && day <= last && counts[s].ContainsKey(day))
                {
                    parts.Add((day, s, name));
                }
            }
        }

        var cap = options.Value.RowsPerDay;
        var definition = snapshot.Definition;
        foreach (var day in parts.GroupBy(p => (p.Day, p.Series)).OrderByDescending(g => g.Key.Day).ThenBy(g => g.Key.Series))
        {
            var sampled = counts[day.Key.Series].GetValueOrDefault(day.Key.Day) > cap;
            var names = day.Select(p => p.Name).OrderDescending(StringComparer.Ordinal).ToList();
            var winners = sampled ? await WinnersAsync(names, cap, cancellationToken) : null;
            foreach (var name in names)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await store.GetAsync(name, cancellationToken) is not { } content)
                {
                    continue;
                }

                var part = await RowPart.ReadAsync(content, cancellationToken);
                var kept = Enumerable.Range(0, part.Count)
                    .Where(i => part.Timestamps[i] >= query.From && part.Timestamps[i] < query.To && (winners is null || winners[part.Slots[i]] == part.Rows[i]))
                    .OrderByDescending(i => part.Timestamps[i])
                    .ToList();
                foreach (var rows in kept.Chunk(BlockRows))
                {
                    yield return RowBlocks.Of(part, rows, series[day.Key.Series], definition, late, sampled);
                }
            }
        }
    }

    // Per slot of a sampled day, the number of the row that holds it last: the reservoir's sample.
    private async Task<long[]> WinnersAsync(List<string> names, long cap, CancellationToken cancellationToken)
    {
        var winners = new long[cap];
        Array.Fill(winners, -1L);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await store.GetAsync(name, cancellationToken) is not { } content)
            {
                continue;
            }

            var (rows, slots) = await RowPart.ReadSlotsAsync(content, cancellationToken);
            for (var i = 0; i < rows.Length; i++)
            {
                winners[slots[i]] = Math.Max(winners[slots[i]], rows[i]);
            }
        }

        return winners;
    }
}
