using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Proto = OrleansEval.Gateway.Grpc.V1;

namespace OrleansEval.LoadGenerator;

/// <summary>
/// The timed run: workers send batches stamped with the current time, round-robin over fresh models, flat out or at a
/// fixed rate, over HTTP or gRPC, for the set duration; then the end check.
/// </summary>
internal sealed class IngestRun(Options options, LoadContext context, Proto.OrleansEval.OrleansEvalClient grpc)
{
    private readonly Workload _workload = new(options.Seed, options.Actuals, options.Features, withProto: options.Protocol == "grpc");
    private readonly Stopwatch _stopwatch = new();
    private string[] _models = [];
    private long _ticket = -1;

    public async Task<int> RunAsync()
    {
        _models = [.. Enumerable.Range(0, options.Models).Select(i => $"load-{context.Run}-{i}")];
        await context.RegisterAsync(_models, _workload.Model);
        Console.WriteLine($"protocol {options.Protocol}, {_models.Length} model(s) of {_workload.Features} features, batch {options.Batch}, " +
            $"concurrency {options.Concurrency}, duration {options.Duration} s, rate {(options.Rate > 0 ? options.Rate.ToString("N0", CultureInfo.InvariantCulture) + " records/s" : "flat out")}");
        Console.WriteLine($"models: {string.Join(", ", _models)}");

        var stats = new Stats(_models.Length);
        var sender = new HttpBatchSender(context.Http, stats);
        _stopwatch.Start();
        using var progress = new CancellationTokenSource();
        var reporter = Progress.ReportAsync(stats, _stopwatch, progress.Token);
        var queries = options.QueryEvery > 0 ? new QueryProbe(context.Http, _models[0], TimeSpan.FromMilliseconds(options.QueryEvery)) : null;
        var querying = queries?.RunAsync(_stopwatch, TimeSpan.FromSeconds(options.Duration)) ?? Task.CompletedTask;
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(w => Task.Run(() => WorkerAsync(w, stats, sender))));
        var elapsed = _stopwatch.Elapsed;
        await progress.CancelAsync();
        await reporter;
        await querying;

        Console.WriteLine();
        Console.WriteLine($"elapsed            {elapsed.TotalSeconds:F1} s (sending stopped at {options.Duration} s; in-flight requests finished)");
        stats.Print(Console.Out, elapsed, _workload.Features);
        queries?.Print(Console.Out);
        return await context.EndCheck.RunAsync(_models, stats) ? 0 : 1;
    }

    private async Task WorkerAsync(int worker, Stats stats, HttpBatchSender sender)
    {
        var cursor = worker * 997 % Workload.PoolSize;
        var latencies = stats.NewLatencyList();
        var end = TimeSpan.FromSeconds(options.Duration);
        var secondsPerBatch = options.Rate > 0 ? options.Batch / options.Rate : 0;
        while (true)
        {
            var n = Interlocked.Increment(ref _ticket);
            if (secondsPerBatch > 0)
            {
                var due = TimeSpan.FromSeconds(n * secondsPerBatch);
                if (due >= end)
                {
                    return;
                }

                var wait = due - _stopwatch.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }
            else if (_stopwatch.Elapsed >= end)
            {
                return;
            }

            var modelIndex = (int)(n % _models.Length);
            var model = _models[modelIndex];
            var key = $"{context.Run}-{modelIndex}-{n}";
            var first = n * options.Batch;
            var now = DateTimeOffset.UtcNow;
            var result = options.Protocol == "http"
                ? await sender.SendAsync(model, key, _workload.JsonBatch($"{context.Run}-{modelIndex}", first, options.Batch, _ => now, ref cursor), latencies)
                : await SendGrpcAsync(_workload.ProtoBatch(model, key, $"{context.Run}-{modelIndex}", first, options.Batch, now, ref cursor), stats, latencies);
            sender.Count(modelIndex, result);
        }
    }

    private async Task<(int Accepted, int Rejected)?> SendGrpcAsync(Proto.IngestRequest request, Stats stats, List<double> latencies)
    {
        var budget = new RetryBudget(stats);
        while (budget.CanTry)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                var reply = await grpc.IngestAsync(request, deadline: DateTime.UtcNow.AddMinutes(2));
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                budget.Acknowledged();
                return (reply.Accepted, reply.Rejected.Count);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                var seconds = e.Trailers.GetValue("retry-after") is { } value && int.TryParse(value, CultureInfo.InvariantCulture, out var s) ? s : 1;
                await budget.RefusedAsync(TimeSpan.FromSeconds(seconds));
            }
            catch (RpcException e)
            {
                await budget.FailedAsync($"gRPC {e.StatusCode}: {e.Status.Detail}");
            }
        }

        return null;
    }
}
