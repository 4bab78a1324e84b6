using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.WarmUp;
using OrleansEval.Sketches.FailureModes;

namespace OrleansEval.Server.Hosting;

/// <summary>
/// Runs before the silo and the API start (a hosted service registered before theirs), each part where its
/// <see cref="ServerRole"/> runs that code: a process that hosts grains runs the engine's query paths on a synthetic
/// in-memory model (<see cref="QueryWarmUp"/>) and makes the grain side of a question ready (<see cref="GrainCallWarmUp"/>:
/// the grains' and Orleans' generated code compiled, each request and answer copied and serialized once); a process that
/// serves the API checks a question of each kind and writes an answer of each kind once (<see cref="AnswerWarmUp"/>), a
/// gateway alone after reading each answer back as it arrives from a silo. So the first real request answers as fast as
/// later ones. It touches no storage and no grain. It gives up after <see cref="Bound"/>; a failure is logged and never
/// stops the process. <c>OrleansEval:WarmUp=false</c> leaves it out.
/// </summary>
internal sealed partial class QueryWarmUpService(
    ServerRole role,
    IServiceProvider services,
    IOptions<FailureModeOptions> failureModes,
    IOptions<OrleansEvalOptions> options,
    TimeProvider time,
    ILogger<QueryWarmUpService> logger) : IHostedService
{
    /// <summary>The longest the warm-up may delay a start.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var bounded = new CancellationTokenSource(Bound, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bounded.Token);
        try
        {
            var parts = await Task.Run(() => RunAsync(linked.Token), linked.Token);
            var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
            LogWarmedUp(logger, elapsed, parts);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping before it started: nothing to warm.
        }
        catch (OperationCanceledException)
        {
            LogGaveUp(logger, (long)Bound.TotalSeconds);
        }
#pragma warning disable CA1031 // A warm-up that fails costs the first request its time, never the process its start.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
            LogFailed(logger, e, elapsed);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The answers as the silo computes them, carried as Orleans carries them, then written as the gateway writes them;
    // what was warmed, for the log.
    private async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        var serializer = services.GetService<Serializer>();
        var copier = services.GetService<DeepCopier>();
        QueryWarmUpAnswers? answers = null;
        if (role.HostsGrains())
        {
            answers = await QueryWarmUp.RunAsync(failureModes.Value, options.Value.KsExactCellBudget, cancellationToken);
            parts.Add("engine");
            if (serializer is not null && copier is not null)
            {
                var grainSide = GrainCallWarmUp.Run(serializer, copier, answers, cancellationToken);
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"grain calls ({grainSide.Compiled} methods compiled, {grainSide.Carried} requests and answers carried)"));
            }
        }

        if (role.ServesApi())
        {
            // A gateway alone computes the answers only to have something to write, and reads them as they reach it from a silo.
            answers ??= await QueryWarmUp.AnswersAsync(failureModes.Value, options.Value.KsExactCellBudget, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            if (!role.HostsGrains() && serializer is not null)
            {
                RoundTrip(serializer, answers.RootCause);
                RoundTrip(serializer, answers.Recommendation);
                RoundTrip(serializer, answers.WorstSlices);
                RoundTrip(serializer, answers.Drift);
            }

            var bytes = AnswerWarmUp.Write(
                answers.ModelId,
                answers.RootCause.Report!,
                answers.Recommendation.Report!,
                answers.WorstSliceQuery,
                answers.WorstSlices.Report!,
                answers.Drift.Report!,
                time.GetUtcNow());
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"gateway ({bytes} bytes of answers written)"));
        }

        return string.Join(", ", parts);
    }

    private static void RoundTrip<T>(Serializer serializer, T answer) => serializer.Deserialize<T>(serializer.SerializeToArray(answer));

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Warmed the query paths in {ElapsedMs} ms: {Parts}")]
    private static partial void LogWarmedUp(ILogger logger, long elapsedMs, string parts);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "The query paths' warm-up did not finish within {BoundSeconds} s; starting without it")]
    private static partial void LogGaveUp(ILogger logger, long boundSeconds);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "The query paths' warm-up failed after {ElapsedMs} ms; starting without it")]
    private static partial void LogFailed(ILogger logger, Exception exception, long elapsedMs);
}
