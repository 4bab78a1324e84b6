using System.Diagnostics;
using Xunit.Abstractions;

namespace OrleansEval.Server.Tests.Faults;

/// <summary>
/// Azurite stopped for 10 s in the middle of continuous ingest and started again on the same ports and data: while it
/// is gone ingest answers 503 with Retry-After and /healthz names storage; once it is back, ingest is acknowledged
/// again without a restart, and every acknowledged record is counted — by the running server, and by a fresh one after
/// a graceful restart, which reads only what the grains wrote.
/// </summary>
[Collection(FaultTestGroup.Name)]
public sealed class AzuriteOutageTests(ITestOutputHelper output)
{
    private const int Clients = 2;
    private const int BatchSize = 200;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AzuriteStoppedFor10Seconds_Answers503ThenRecoversWithoutARestart_AndCountsEveryAcknowledgedRecord()
    {
        await using var scenario = await FaultScenario.StartAsync(output);
        try
        {
            await scenario.StartServerAsync();
            var modelId = await scenario.CreateModelAsync();
            await using var load = new IngestLoad(scenario.BaseAddress, scenario.Settings.ApiKey, modelId, BatchSize);
            load.Start(Clients);
            await Task.Delay(WarmUp);
            Assert.True(load.Acknowledged > 0, $"nothing was acknowledged before the outage ({load.Describe()})");

            await scenario.Azurite.StopAsync();
            var outage = Stopwatch.StartNew();
            var unavailableBefore = load.UnavailableWithRetryAfter;
            var acknowledgedAtStop = load.Acknowledged;
            var health = new List<string>();
            while (outage.Elapsed < Outage)
            {
                var (status, body) = await scenario.HealthAsync();
                health.Add($"{(int)status} {body}");
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }

            var unavailableDuringOutage = load.UnavailableWithRetryAfter - unavailableBefore;
            var acknowledgedDuringOutage = load.Acknowledged - acknowledgedAtStop;
            await scenario.Azurite.StartAsync();
            var recovery = Stopwatch.StartNew();
            var acknowledgedAtReturn = load.Acknowledged;
            while (load.Acknowledged < acknowledgedAtReturn + (10 * BatchSize) && recovery.Elapsed < RecoveryTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }

            var recoveredAfter = recovery.Elapsed;
            await scenario.WaitHealthyAsync();
            await load.StopAsync(DrainTimeout);
            var counted = await scenario.CountAsync(modelId);
            await scenario.StopServerAsync();
            await scenario.StartServerAsync();
            var countedAfterRestart = await scenario.CountAsync(modelId);
            output.WriteLine(
                $"outage {Outage.TotalSeconds:F0} s: {unavailableDuringOutage} answers 503 with Retry-After, {acknowledgedDuringOutage} records acknowledged; "
                + $"10 batches acknowledged {recoveredAfter.TotalSeconds:F1} s after Azurite was back; {load.Describe()}; "
                + $"counted {counted}, after a graceful restart {countedAfterRestart}");
            output.WriteLine(
                $"server log: {scenario.LogLinesContaining("Could not persist")} failed writes, {scenario.LogLinesContaining("under the stored version tag")} stale version tags reconciled, "
                + $"{scenario.LogLinesContaining("persisted again after")} grains persisted again, {scenario.LogLinesContaining("refuses new batches")} grains refused batches");
            output.WriteLine($"/healthz during the outage: {string.Join(" | ", health.Distinct(StringComparer.Ordinal))}");

            var failures = new List<string>();
            Check(failures, recoveredAfter < RecoveryTimeout, $"ingest did not recover within {RecoveryTimeout.TotalSeconds:F0} s of Azurite's return");
            Check(failures, counted == load.Acknowledged, $"the running server counts {counted} of {load.Acknowledged} acknowledged records");
            Check(failures, countedAfterRestart == load.Acknowledged, $"after a graceful restart {countedAfterRestart} of {load.Acknowledged} acknowledged records are counted");
            Check(failures, !load.UnexpectedAnswers.Any(), $"unexpected answers: {string.Join(", ", load.UnexpectedAnswers)}");
            Check(failures, load.UnavailableWithoutRetryAfter == 0, $"{load.UnavailableWithoutRetryAfter} answers 503 without Retry-After");
            Check(failures, unavailableDuringOutage > 0, "no ingest request was answered 503 with Retry-After while Azurite was gone");
            Check(failures, health.Exists(h => h.StartsWith("503", StringComparison.Ordinal) && h.Contains("storage", StringComparison.Ordinal)), "/healthz never answered 503 naming storage while Azurite was gone");
            Assert.Empty(failures);
        }
        catch (Exception) when (scenario.PrintLogTail())
        {
            throw;
        }
    }

    private static void Check(List<string> failures, bool condition, string failure)
    {
        if (!condition)
        {
            failures.Add(failure);
        }
    }
}
