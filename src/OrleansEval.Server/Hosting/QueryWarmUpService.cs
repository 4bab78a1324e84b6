using Microsoft.Extensions.Options;
using Orleans.Serialization;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.WarmUp;
using OrleansEval.Sketches.FailureModes;

namespace OrleansEval.Server.Hosting;

/// <summary>
/// Runs before the silo and the API start (a hosted service registered before theirs): the query paths' code on a synthetic
/// in-memory model (<see cref="QueryWarmUp"/>), each answer once through Orleans' serializer and copier, and the
/// gateway's checks and writers once (<see cref="AnswerWarmUp"/>), so the first real request answers as fast as later
/// ones. It touches no storage and no grain. It gives up after <see cref="Bound"/>; a failure is logged and never stops
/// the process. <c>OrleansEval:WarmUp=false</c> leaves it out.
/// </summary>
internal sealed partial class QueryWarmUpService(
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
            var bytes = await Task.Run(() => RunAsync(linked.Token), linked.Token);
            var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
            LogWarmedUp(logger, elapsed, bytes);
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

    // The answers as the silo computes them, carried as Orleans carries them, then written as the gateway writes them.
    private async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var answers = await QueryWarmUp.RunAsync(failureModes.Value, options.Value.KsExactCellBudget, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (services.GetService<Serializer>() is { } serializer && services.GetService<DeepCopier>() is { } copier)
        {
            RoundTrip(serializer, copier, answers.RootCause);
            RoundTrip(serializer, copier, answers.Recommendation);
            RoundTrip(serializer, copier, answers.WorstSlices);
            RoundTrip(serializer, copier, answers.Drift);
        }

        return AnswerWarmUp.Write(
            answers.ModelId,
            answers.RootCause.Report!,
            answers.Recommendation.Report!,
            answers.WorstSliceQuery,
            answers.WorstSlices.Report!,
            answers.Drift.Report!,
            time.GetUtcNow());
    }

    private static void RoundTrip<T>(Serializer serializer, DeepCopier copier, T answer)
    {
        serializer.Deserialize<T>(serializer.SerializeToArray(answer));
        copier.Copy(answer);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Warmed the query paths in {ElapsedMs} ms ({Bytes} bytes of answers written)")]
    private static partial void LogWarmedUp(ILogger logger, long elapsedMs, long bytes);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "The query paths' warm-up did not finish within {BoundSeconds} s; starting without it")]
    private static partial void LogGaveUp(ILogger logger, long boundSeconds);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "The query paths' warm-up failed after {ElapsedMs} ms; starting without it")]
    private static partial void LogFailed(ILogger logger, Exception exception, long elapsedMs);
}
