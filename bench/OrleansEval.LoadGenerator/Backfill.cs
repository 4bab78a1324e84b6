using System.Diagnostics;

namespace OrleansEval.LoadGenerator;

/// <summary>
/// Sends a fixed number of records to each model with explicit event times, in batches taken in turn from every model
/// by a bounded number of workers, each batch under its own idempotency key.
/// </summary>
internal sealed class Backfill(Options options, LoadContext context, Workload workload)
{
    /// <summary>Record n of a model is in hour n / <paramref name="perHour"/> after <paramref name="start"/>, spread evenly over it.</summary>
    public static Func<long, DateTimeOffset> Hourly(DateTimeOffset start, int perHour) =>
        n => start + TimeSpan.FromHours(n / perHour) + TimeSpan.FromSeconds((n % perHour) * 3600.0 / perHour);

    /// <summary>Sends records 0 to <paramref name="perModel"/> − 1 to every model; ids and keys carry <paramref name="phase"/>.</summary>
    public async Task<TimeSpan> SendAsync(IReadOnlyList<string> models, string phase, long perModel, Func<long, DateTimeOffset> timeOf, Stats stats)
    {
        var sender = new HttpBatchSender(context.Http, stats);
        var batchesPerModel = (perModel + options.Batch - 1) / options.Batch;
        var batches = batchesPerModel * models.Count;
        long ticket = -1;
        var stopwatch = Stopwatch.StartNew();
        using var progress = new CancellationTokenSource();
        var reporter = Progress.ReportAsync(stats, stopwatch, progress.Token);

        async Task WorkerAsync(int worker)
        {
            var cursor = worker * 997 % Workload.PoolSize;
            var latencies = stats.NewLatencyList();
            for (var n = Interlocked.Increment(ref ticket); n < batches; n = Interlocked.Increment(ref ticket))
            {
                var modelIndex = (int)(n % models.Count);
                var batch = n / models.Count;
                var first = batch * options.Batch;
                var count = (int)Math.Min(options.Batch, perModel - first);
                var body = workload.JsonBatch($"{phase}-{modelIndex}", first, count, timeOf, ref cursor);
                sender.Count(modelIndex, await sender.SendAsync(models[modelIndex], $"{context.Run}-{phase}-{modelIndex}-{batch}", body, latencies));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(w => Task.Run(() => WorkerAsync(w))));
        var elapsed = stopwatch.Elapsed;
        await progress.CancelAsync();
        await reporter;
        return elapsed;
    }
}
