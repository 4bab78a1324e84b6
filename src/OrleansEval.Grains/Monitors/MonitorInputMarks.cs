using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Monitors;

namespace OrleansEval.Grains.Monitors;

/// <summary>
/// This silo's notes of what applied batches changed, per model, passed on to each model's monitor grain. Marking a
/// batch is a lock and a few set insertions (no grain call on the ingest path); a background loop reports the marks
/// as soon as there are some, then pauses <see cref="Pause"/>, so a model's monitor grain hears from this silo at most
/// ten times a second however many batches arrive, and the marks held are bounded by the columns and series changed.
/// </summary>
internal sealed partial class MonitorInputMarks(IGrainFactory grains, IOptions<OrleansEvalOptions> options, ILogger<MonitorInputMarks> logger)
    : BackgroundService
{
    /// <summary>The least time between two reports of this silo.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private Dictionary<string, Marks> _pending = new(StringComparer.Ordinal);

    /// <summary>Notes what <paramref name="plan"/> of <paramref name="modelId"/> changed; nothing when evaluation on ingest is off.</summary>
    public void Mark(string modelId, IngestPlan plan)
    {
        if (!options.Value.EvaluateOnIngest)
        {
            return;
        }

        lock (_gate)
        {
            if (!_pending.TryGetValue(modelId, out var marks))
            {
                marks = new Marks();
                _pending.Add(modelId, marks);
            }

            foreach (var chunk in plan.Chunks)
            {
                marks.Columns.Add(chunk.FeatureKey);
            }

            marks.Series.UnionWith(plan.Series);
            marks.LateActuals |= !plan.Actuals.IsDefaultOrEmpty;
        }

        _signal.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _signal.Reader.WaitToReadAsync(stoppingToken))
            {
                _signal.Reader.TryRead(out _);
                Dictionary<string, Marks> taken;
                lock (_gate)
                {
                    taken = _pending;
                    _pending = new(StringComparer.Ordinal);
                }

                await Task.WhenAll(taken.Select(m => ReportAsync(m.Key, m.Value)));
                await Task.Delay(Pause, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping: marks not yet reported are left to the reminder.
        }
    }

    // A failed report is not retried: the reminder evaluates every monitor within MonitorInterval all the same.
    private async Task ReportAsync(string modelId, Marks marks)
    {
        try
        {
            await grains.GetGrain<IMonitorGrain>(modelId).InputsChangedAsync(new MonitorInputs([.. marks.Columns], [.. marks.Series], marks.LateActuals));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReportFailed(logger, e, modelId);
        }
    }

    private sealed class Marks
    {
        public HashSet<string> Columns { get; } = new(StringComparer.Ordinal);

        public HashSet<SeriesId> Series { get; } = [];

        public bool LateActuals { get; set; }
    }

    [LoggerMessage(EventId = 1310, Level = LogLevel.Warning, Message = "Could not tell the monitors of model {ModelId} what ingest changed; the reminder evaluates them")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string modelId);
}
