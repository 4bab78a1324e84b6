using System.Globalization;
using System.Runtime;
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
/// Once the process has started and its start-up compiling has quieted, it runs the answers' paths
/// <see cref="OrleansEvalOptions.WarmUpRepeats"/> times more in the background: running code once compiles it only at the
/// runtime's first tier, which the runtime optimizes after 30 counted calls (twice 30 with dynamic PGO), so without the repeats the first real
/// question runs much of its code unoptimized. The repeats keep nothing they compute.
/// </summary>
internal sealed partial class QueryWarmUpService(
    ServerRole role,
    IServiceProvider services,
    IOptions<FailureModeOptions> failureModes,
    IOptions<OrleansEvalOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<QueryWarmUpService> logger) : IHostedService, IDisposable
{
    /// <summary>The longest the warm-up may delay a start.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long no method may have been compiled before the repeats run, after the process has started and again after
    /// their first run: the runtime counts a method's calls only once no method has been compiled at its first tier for
    /// 100 ms, and stops counting when one is, so calls made sooner count for nothing.
    /// </summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest the repeats wait for the compiler to be quiet; then they run anyway.</summary>
    public static readonly TimeSpan QuietBound = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _repeats = Task.CompletedTask;

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
            if (options.Value.WarmUpRepeats > 0)
            {
                lifetime.ApplicationStarted.Register(() => _repeats = Task.Run(() => RepeatAsync(options.Value.WarmUpRepeats, _stopping.Token)));
            }
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

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may dispose its services before it stops them (a test host's disposal does): then the repeats were
        // cancelled there.
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        await _repeats.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    // The answers' paths run again, after start-up, once and then `repeats` times; nothing they compute is kept.
    private async Task RepeatAsync(int repeats, CancellationToken cancellationToken)
    {
        try
        {
            await CompilerQuietAsync(cancellationToken);
            await AnswerOnceAsync(cancellationToken);
            await CompilerQuietAsync(cancellationToken);
            var started = time.GetTimestamp();
            var written = 0L;
            for (var run = 0; run < repeats; run++)
            {
                written += await AnswerOnceAsync(cancellationToken);
            }

            var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
            LogRepeated(logger, repeats, elapsed, written);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: the repeats are of no use any more.
        }
#pragma warning disable CA1031 // A repeat that fails costs the first request its time, never the process its life.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRepeatFailed(logger, e);
        }
    }

    // Returns once no method has been compiled for Quiet, or after QuietBound.
    private async Task CompilerQuietAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (time.GetElapsedTime(started) < QuietBound)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            await Task.Delay(Quiet, time, cancellationToken);
            if (JitInfo.GetCompiledMethodCount() == compiled)
            {
                return;
            }
        }
    }

    // One run of what a question runs after its grain calls: the answers computed, carried and written as a question's
    // are; the bytes written.
    private async Task<long> AnswerOnceAsync(CancellationToken cancellationToken)
    {
        var serializer = services.GetService<Serializer>();
        var answers = await QueryWarmUp.AnswersAsync(failureModes.Value, options.Value.KsExactCellBudget, cancellationToken);
        if (serializer is not null)
        {
            RoundTrip(serializer, answers.RootCause);
            RoundTrip(serializer, answers.Recommendation);
        }

        return role.ServesApi() ? Write(answers) : 0;
    }

    private long Write(QueryWarmUpAnswers answers) => AnswerWarmUp.Write(
        answers.ModelId,
        answers.RootCause.Report!,
        answers.Recommendation.Report!,
        answers.WorstSliceQuery,
        answers.WorstSlices.Report!,
        answers.Drift.Report!,
        time.GetUtcNow());

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

            var bytes = Write(answers);
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"gateway ({bytes} bytes of answers written)"));
        }

        return string.Join(", ", parts);
    }

    private static void RoundTrip<T>(Serializer serializer, T answer) => serializer.Deserialize<T>(serializer.SerializeToArray(answer));

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Warmed the query paths in {ElapsedMs} ms: {Parts}")]
    private static partial void LogWarmedUp(ILogger logger, long elapsedMs, string parts);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "The query paths' warm-up did not finish within {BoundSeconds} s; starting without it")]
    private static partial void LogGaveUp(ILogger logger, long boundSeconds);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Ran the query paths {Repeats} more times in {ElapsedMs} ms ({Written} bytes of answers written), so the runtime optimizes them before the first question")]
    private static partial void LogRepeated(ILogger logger, int repeats, long elapsedMs, long written);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "The query paths' repeated warm-up failed; the first questions will run their code unoptimized")]
    private static partial void LogRepeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "The query paths' warm-up failed after {ElapsedMs} ms; starting without it")]
    private static partial void LogFailed(ILogger logger, Exception exception, long elapsedMs);
}
