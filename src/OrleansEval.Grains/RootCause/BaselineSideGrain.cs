using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OrleansEval.Baselines;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.RootCause;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// Counts a baseline's side of a root cause from its kept rows in the background, under every metric of the model's
/// task in one read, and keeps the counts with the revision of the baseline's rows (<see cref="BaselineRevision"/>) read
/// before and after the read: a count during which anything reached them is discarded and done again. A count is whole or
/// absent, so a silo that stops in the middle loses nothing and counts nothing twice; the next call counts again.
/// </summary>
internal sealed partial class BaselineSideGrain(
    [PersistentState("baselineSide", StorageNames.State)] IPersistentState<BaselineSideState> state,
    IGrainFactory grains,
    ILogger<BaselineSideGrain> logger) : Grain, IBaselineSideGrain
{
    /// <summary>Counts tried while the series keeps changing, before a question has to start another.</summary>
    private const int Attempts = 3;

    private static readonly TimeSpan LongestRun = TimeSpan.FromHours(6);

    /// <summary>
    /// How long a question waits for a count under way before it takes rows: short, since a firing alert gives its
    /// whole root cause ten seconds.
    /// </summary>
    private static readonly TimeSpan QuestionWait = TimeSpan.FromSeconds(2);

    private Task _run = Task.CompletedTask;
    private string? _failure;

    public Task StartAsync(Baseline baseline)
    {
        Start(baseline);
        return Task.CompletedTask;
    }

    public async Task<BaselineSideAnswer> GetAsync(Baseline baseline, string metric, string revision)
    {
        if (Kept(metric, revision) is { } counts)
        {
            return new BaselineSideAnswer(counts, null, TimeSpan.Zero);
        }

        // A question waits for a count under way rather than read the same rows beside it, and says why it waited.
        var reason = Stale();
        Start(baseline);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _run.WaitAsync(QuestionWait);
        }
        catch (TimeoutException)
        {
            return new BaselineSideAnswer(null, reason + "; its count was still under way after " + Seconds(QuestionWait), Stopwatch.GetElapsedTime(started));
        }

        var waited = Stopwatch.GetElapsedTime(started);
        return Kept(metric, revision) is { } counted
            ? new BaselineSideAnswer(counted, reason + "; counted again while the question waited " + Seconds(waited), waited)
            : new BaselineSideAnswer(null, reason + "; " + (_failure ?? "the baseline's rows changed again while they were counted"), waited);
    }

    // Why the kept counts do not hold, before a count is started: the last count failed, one is under way, none was kept
    // yet, or the rows changed since.
    private string Stale() =>
        _failure
        ?? (!_run.IsCompleted ? "the baseline's bins are being counted from its kept rows"
            : state.State.Revision is null ? "the baseline's bins were not counted yet"
            : "the baseline's rows changed since its bins were counted (a record, an actual or a correction in its window, or a day past retention)");

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private BaselineSideCounts? Kept(string metric, string revision) =>
        string.Equals(state.State.Revision, revision, StringComparison.Ordinal) && state.State.Counts.TryGetValue(metric, out var counts) ? counts : null;

    private void Start(Baseline baseline)
    {
        if (_run.IsCompleted)
        {
            _failure = null;
            DelayDeactivation(LongestRun);
            _run = RunAsync(baseline);
        }
    }

    private async Task RunAsync(Baseline baseline)
    {
        var modelId = BaselineSideKey.ModelOf(this.GetPrimaryKeyString());
        try
        {
            var snapshot = await grains.GetGrain<IModelGrain>(modelId).GetAsync()
                ?? throw new InvalidOperationException($"model '{modelId}' is not registered");
            var metrics = RootCauseMetrics.For(snapshot.Definition.Task);
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var before = await BaselineRevision.ReadAsync(grains, modelId, baseline);
                if (string.Equals(before, state.State.Revision, StringComparison.Ordinal) && metrics.All(state.State.Counts.ContainsKey))
                {
                    return;
                }

                var tallies = await RootCauseEngine.CountBaselineAsync(snapshot.Definition, baseline, metrics, grains.ReadRowsAsync(BaselineRows.Query(modelId, baseline)), CancellationToken.None);
                if (string.Equals(before, await BaselineRevision.ReadAsync(grains, modelId, baseline), StringComparison.Ordinal))
                {
                    await KeepAsync(before, metrics, tallies);
                    return;
                }
            }

            _failure = "the baseline's series kept changing while its bins were counted; a later question counts them again";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCountFailed(logger, e, this.GetPrimaryKeyString());
            _failure = "the baseline's bins could not be counted from its kept rows: " + e.Message;
        }
    }

    // Kept in memory first, so a refused write still answers; the next activation then counts again.
    private async Task KeepAsync(string revision, IReadOnlyList<string> metrics, IReadOnlyList<RootCauseTally> tallies)
    {
        state.State.Revision = revision;
        state.State.Counts = metrics.Zip(tallies, (metric, tally) => (metric, tally.BaselineCounts()))
            .ToDictionary(pair => pair.metric, pair => pair.Item2, StringComparer.Ordinal);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCountNotStored(logger, e, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(EventId = 1220, Level = LogLevel.Error, Message = "Counting the baseline side {Baseline} from its kept rows failed")]
    private static partial void LogCountFailed(ILogger logger, Exception exception, string baseline);

    [LoggerMessage(EventId = 1221, Level = LogLevel.Warning, Message = "Could not store the counted baseline side {Baseline}; it is counted again on its next activation")]
    private static partial void LogCountNotStored(ILogger logger, Exception exception, string baseline);
}
