using System.Collections.Immutable;
using Orleans.Core.Internal;
using OrleansEval.GrainInterfaces;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// An entry the log has applied no longer holds its plan in memory: when a grain lost it (its activation ended before
/// it could write), the trim reads the plan back from the entry's stored segment and fans it out again.
/// </summary>
public sealed partial class CrashRecoveryTests
{
    [Fact]
    public async Task Rows_ThatTheirGrainLostOnDeactivation_AreFannedOutAgainFromTheLogsSegment_AndReadOnce()
    {
        var modelId = $"rowlost-{Guid.NewGuid():N}"[..22];
        var day = Clock.GetUtcNow().AddDays(-1);
        var records = Enumerable.Range(0, 120)
            .Select(i => new RecordInput { Index = i, PredictionId = $"l{i}", Timestamp = day.AddMinutes(i), Features = ImmutableDictionary<string, FeatureValue>.Empty.Add("x", FeatureValue.Of(i)) })
            .ToList();
        var cluster = await StartAsync(TimeSpan.FromSeconds(1));
        try
        {
            await DefineRegressionOfXAsync(cluster.Client, modelId);
            var grain = cluster.Client.GetGrain<IRowGrain>(RowGrainKey.For(modelId, new SeriesId(SeriesId.DefaultVersion, SeriesId.DefaultEnvironment)).ToString());
            RowStore.RefuseWrites = true;
            try
            {
                await IngestAsync(cluster.Client, modelId, records, "lost-rows");

                // The row grain's last flush is refused as it deactivates: its rows are gone from memory, unstored. The
                // next call waits for the deactivation to end and starts an activation that never applied the entry.
                await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
                Assert.Empty(await grain.GetKeptDaysAsync());
            }
            finally
            {
                RowStore.RefuseWrites = false;
            }

            await IngestLogWaits.UntilTrimmedAsync(cluster.Client, modelId, TimeSpan.FromSeconds(60));
            var ids = new List<string>();
            await foreach (var block in cluster.Client.ReadRowsAsync(new RowQuery(modelId, null, null, day.AddDays(-1), day.AddDays(2))))
            {
                ids.AddRange(block.PredictionIds);
            }

            Assert.Equal(records.Select(r => r.PredictionId).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
