using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansEval.LoadGenerator;

/// <summary>
/// Time to detection: one model with <c>--monitors</c> monitors (a baseline of 10 numeric features), of which only the
/// trial's own fires. Each of <c>--trials</c> trials defines a drift monitor on a fresh series (replacing the last
/// trial's, so the count stays), sends one drifted batch there, and times "batch acknowledged → firing alert on the SSE
/// stream". Then it sends <c>--batch</c>-record batches flat out for <c>--duration</c> seconds to a series that nine of
/// the monitors watch and prints the records per second: run it against a server with
/// <c>OrleansEval:EvaluateOnIngest</c> on and again with it off to see what evaluation on ingest costs.
/// </summary>
internal sealed class DetectRun(Options options, LoadContext context)
{
    private const int Features = 10;
    private const int TrialRecords = 300;
    private const string Baseline = "training";
    // Past the reminder's minute, so a server with evaluation on ingest off still answers a trial.
    private static readonly TimeSpan AlertTimeout = TimeSpan.FromSeconds(150);

    private readonly string _model = $"detect-{context.Run}";
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiting = new(StringComparer.Ordinal);

    public async Task<int> RunAsync()
    {
        var now = DateTimeOffset.UtcNow;
        await RegisterAsync(now);
        await DefineQuietMonitorsAsync();
        using var watching = new CancellationTokenSource();
        var watch = WatchAsync(watching.Token);

        var latencies = new List<double>();
        string? previous = null;
        for (var trial = 0; trial < options.Trials; trial++)
        {
            latencies.Add(await TrialAsync(trial, previous));
            previous = $"trial-{trial}";
        }

        var throughput = await FloodAsync();
        await watching.CancelAsync();
        await watch.ContinueWith(_ => { }, TaskScheduler.Default);
        Print(latencies, throughput);
        return 0;
    }

    private async Task RegisterAsync(DateTimeOffset now)
    {
        var model = new JsonObject
        {
            ["task"] = "binary_classification",
            ["positiveLabel"] = "1",
            ["negativeLabel"] = "0",
            ["threshold"] = 0.5,
            ["bucket"] = "1h",
            ["features"] = new JsonArray([.. Enumerable.Range(0, Features).Select(f => (JsonNode)new JsonObject { ["name"] = $"f{f}", ["type"] = "numeric" })]),
        };
        await EnsureAsync(await context.Http.PutAsJsonAsync(new Uri($"v1/models/{_model}", UriKind.Relative), model), "model");
        await SendAsync("default", "training", Records(2_000, now.AddDays(-2), drifted: false));
        var baseline = new JsonObject { ["version"] = "default", ["environment"] = "training", ["bins"] = 10 };
        await EnsureAsync(await context.Http.PutAsJsonAsync(new Uri($"v1/models/{_model}/baselines/{Baseline}", UriKind.Relative), baseline), "baseline");
    }

    // All but one monitor: nine watch the series the throughput phase floods, the rest series that get no data.
    private async Task DefineQuietMonitorsAsync()
    {
        var quiet = Enumerable.Range(0, options.Monitors - 1).ToList();
        await Parallel.ForEachAsync(quiet, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (i, _) =>
        {
            var version = i < Features - 1 ? "load" : $"quiet-{i / Features}";
            await PutMonitorAsync($"quiet-{i}", version, $"f{(i % (Features - 1)) + 1}", threshold: 5);
        });
    }

    private async Task<double> TrialAsync(int trial, string? previous)
    {
        if (previous is not null)
        {
            using var removed = await context.Http.DeleteAsync(new Uri($"v1/models/{_model}/monitors/{previous}", UriKind.Relative));
        }

        var monitor = $"trial-{trial}";
        await PutMonitorAsync(monitor, monitor, "f0", threshold: 0.2);
        var fired = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[monitor] = fired;
        await SendAsync(monitor, "production", Records(TrialRecords, DateTimeOffset.UtcNow.AddMinutes(-5), drifted: true));
        var acknowledged = Stopwatch.GetTimestamp();
        var arrived = await fired.Task.WaitAsync(AlertTimeout);
        var milliseconds = Stopwatch.GetElapsedTime(acknowledged, arrived).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial {trial + 1}/{options.Trials}: {milliseconds:F0} ms"));
        return milliseconds;
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        await foreach (var alert in context.Client.WatchAlertsAsync(0, _model, cancellationToken))
        {
            var arrived = Stopwatch.GetTimestamp();
            if (alert is { State: "firing", Monitor: { } monitor } && _waiting.TryRemove(monitor, out var waiting))
            {
                waiting.TrySetResult(arrived);
            }
        }
    }

    private async Task<double> FloodAsync()
    {
        var sent = 0L;
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(options.Duration);
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Concurrency), async (worker, _) =>
        {
            while (clock.Elapsed < end)
            {
                await SendAsync("load", "production", Records(options.Batch, DateTimeOffset.UtcNow.AddMinutes(-1), drifted: false));
                Interlocked.Add(ref sent, options.Batch);
            }
        });
        return sent / clock.Elapsed.TotalSeconds;
    }

    private async Task PutMonitorAsync(string name, string version, string feature, double threshold)
    {
        var monitor = new JsonObject
        {
            ["kind"] = "drift", ["target"] = feature, ["measure"] = "psi", ["threshold"] = threshold, ["baseline"] = Baseline,
            ["version"] = version, ["window"] = "1h", ["minCount"] = 50,
        };
        await EnsureAsync(await context.Http.PutAsJsonAsync(new Uri($"v1/models/{_model}/monitors/{name}", UriKind.Relative), monitor), $"monitor {name}");
    }

    private async Task SendAsync(string version, string environment, StringBuilder records)
    {
        using var content = new StringContent(records.ToString().Replace("\"@v\"", $"\"{version}\"", StringComparison.Ordinal).Replace("\"@e\"", $"\"{environment}\"", StringComparison.Ordinal), Encoding.UTF8, "application/x-ndjson");
        await EnsureAsync(await context.Http.PostAsync(new Uri($"v1/models/{_model}/records", UriKind.Relative), content), "records");
    }

    // f0 of a drifted batch lies far above every baseline value; the other features keep the baseline's shape.
    private static StringBuilder Records(int count, DateTimeOffset at, bool drifted)
    {
        var body = new StringBuilder();
        var stamp = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            body.Append(CultureInfo.InvariantCulture, $"{{\"predictionId\":\"{Guid.NewGuid():N}\",\"timestamp\":\"{stamp}\",\"version\":\"@v\",\"environment\":\"@e\",\"features\":{{");
            for (var f = 0; f < Features; f++)
            {
                var value = ((i + (f * 7)) * 0.618034) % 1 + (drifted && f == 0 ? 10 : 0);
                body.Append(CultureInfo.InvariantCulture, $"{(f == 0 ? "" : ",")}\"f{f}\":{value:R}");
            }

            body.Append(CultureInfo.InvariantCulture, $"}},\"prediction\":{{\"score\":{(i * 0.381966) % 1:R}}}}}\n");
        }

        return body;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{what}: HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    private void Print(List<double> latencies, double throughput)
    {
        var sorted = latencies.Order().ToArray();
        Console.WriteLine();
        if (sorted.Length > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"detection: {options.Monitors:N0} monitors, {options.Trials} trials (batch of {TrialRecords} acknowledged → firing alert on the SSE stream)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  p50 {Percentiles.Of(sorted, 0.50):F0} ms, p99 {Percentiles.Of(sorted, 0.99):F0} ms, max {sorted[^1]:F0} ms, mean {sorted.Average():F0} ms"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest: {throughput:N0} records/s ({options.Batch}-record batches, {options.Concurrency} at a time, {options.Duration} s, 9 monitors on the series)"));
    }
}
