using System.Diagnostics;
using OrleansEval.Server.Tests.Faults;
using OrleansEval.Testing;
using Xunit.Abstractions;

namespace OrleansEval.Server.Tests.Cluster;

/// <summary>
/// Three silo processes and a gateway process on one Azurite, under continuous ingest through the gateway: a kill -9
/// of one silo, and a rolling restart of all three, lose no acknowledged record. The gateway is an Orleans client, so
/// its 200 means the ingest log's append succeeded on a silo; a call cut off by a silo's death is answered 503 and sent
/// again under its key.
/// </summary>
[Collection(FaultTestGroup.Name)]
public sealed class ClusterFaultTests(ITestOutputHelper output)
{
    private const int Silos = 3;
    private const int Clients = 2;
    private const int BatchSize = 100;
    // Batches acknowledged before the kill: enough for the model's grains to be activated across the silos.
    private const int WarmupBatches = 20;
    private static readonly TimeSpan IngestAfterKill = TimeSpan.FromSeconds(15);
    // Membership declares a silo dead after missed probes and votes: about 15 s with Orleans' defaults, more on a busy machine.
    private static readonly TimeSpan AnsweredAfterKill = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan QueryPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CountTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task KillMinus9OfOneSiloOfThree_UnderIngest_EveryAcknowledgedRecordIsCounted()
    {
        await using var cluster = await ClusterScenario.StartAsync(output, Silos);
        try
        {
            var watch = Stopwatch.StartNew();
            var modelId = await cluster.CreateModelAsync();
            await using var load = new IngestLoad(cluster.BaseAddress, cluster.ApiKey, modelId, BatchSize);
            load.Start(Clients);
            await Eventually.UntilAsync(() => load.Acknowledged >= WarmupBatches * BatchSize, "acknowledging the first batches", DrainTimeout);

            var activations = await cluster.ActivationsBySiloAsync();
            output.WriteLine($"activations per silo: {string.Join(", ", activations.Select(a => $"{a.Key}: {a.Value}"))}");
            Assert.True(activations.Count(a => a.Value > 0) > 1, "every activation is on one silo");

            await cluster.KillSiloAsync(0);
            output.WriteLine($"silo 0 killed at {watch.Elapsed.TotalSeconds:F0} s: {load.Describe()}");
            var before = load.Acknowledged;
            var (answered, unavailable, firstAnswer) = await QueryAfterKillAsync(cluster, modelId);
            output.WriteLine($"queries after the kill: {answered} answered (the first after {firstAnswer.TotalSeconds:F1} s), {unavailable} answered 503 with Retry-After");
            Assert.True(answered > 0, $"no query was answered in the {AnsweredAfterKill.TotalSeconds:F0} s after the kill");
            await Eventually.UntilAsync(() => load.Acknowledged > before, "acknowledging after the kill", DrainTimeout);

            await load.StopAsync(DrainTimeout);
            await AssertCountedAsync(cluster, modelId, load, watch);
        }
        catch (Exception e) when (cluster.PrintLogTails(e))
        {
            throw;
        }
    }

    [Fact]
    public async Task RollingRestartOfThreeSilos_UnderIngest_EveryAcknowledgedRecordIsCounted()
    {
        await using var cluster = await ClusterScenario.StartAsync(output, Silos);
        try
        {
            var watch = Stopwatch.StartNew();
            var modelId = await cluster.CreateModelAsync();
            await using var load = new IngestLoad(cluster.BaseAddress, cluster.ApiKey, modelId, BatchSize);
            load.Start(Clients);
            for (var silo = 0; silo < cluster.SiloCount; silo++)
            {
                var before = load.Acknowledged;
                await Eventually.UntilAsync(() => load.Acknowledged > before, $"acknowledging before silo {silo} restarts", DrainTimeout);
                await cluster.RestartSiloAsync(silo);
                output.WriteLine($"silo {silo} restarted at {watch.Elapsed.TotalSeconds:F0} s: {load.Describe()}");
            }

            await load.StopAsync(DrainTimeout);
            await AssertCountedAsync(cluster, modelId, load, watch);
        }
        catch (Exception e) when (cluster.PrintLogTails(e))
        {
            throw;
        }
    }

    // Asks the count every QueryPause for IngestAfterKill, and on until one is answered 200 (at most AnsweredAfterKill):
    // each answer is 200, or 503 with Retry-After while membership has not declared the silo dead (CountAsync checks).
    private static async Task<(int Answered, int Unavailable, TimeSpan FirstAnswer)> QueryAfterKillAsync(ClusterScenario cluster, string modelId)
    {
        var (answered, unavailable, firstAnswer) = (0, 0, TimeSpan.Zero);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < IngestAfterKill || (answered == 0 && watch.Elapsed < AnsweredAfterKill))
        {
            if (await cluster.CountAsync(modelId) is null)
            {
                unavailable++;
            }
            else if (answered++ == 0)
            {
                firstAnswer = watch.Elapsed;
            }

            await Task.Delay(QueryPause);
        }

        return (answered, unavailable, firstAnswer);
    }

    // Counts may lag while a log replays on a new activation; they must reach the acknowledged records and not pass them.
    private async Task AssertCountedAsync(ClusterScenario cluster, string modelId, IngestLoad load, Stopwatch watch)
    {
        var counted = await Eventually.UntilAsync(
            () => cluster.CountAsync(modelId),
            count => count == load.Acknowledged,
            count => $"counted {count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "503"}, acknowledged {load.Acknowledged}",
            CountTimeout);
        output.WriteLine($"end at {watch.Elapsed.TotalSeconds:F0} s: {load.Describe()}; counted {counted}");
        Assert.Empty(load.UnexpectedAnswers);
        Assert.Equal(load.Acknowledged, counted);
    }
}
