using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansEval.LoadGenerator;

/// <summary>
/// Times the label join on the volume it is built for: sends <c>--predictions</c> records per model without actuals,
/// then the late actual of every one of them, oldest first, flat out over <c>--concurrency</c> workers in batches of
/// <c>--batch</c>, and prints the late actuals joined per second. Then the end check on the records, and a check that
/// the server counts as labelled exactly the actuals it acknowledged as joined.
/// </summary>
internal sealed class LateActualsRun(Options options, LoadContext context)
{
    private const string Phase = "p";

    public async Task<int> RunAsync()
    {
        var workload = new Workload(options.Seed, actualShare: 0, options.Features, withProto: false);
        string[] models = [.. Enumerable.Range(0, options.Models).Select(i => $"late-{context.Run}-{i}")];
        await context.RegisterAsync(models, workload.Model);
        var start = DateTimeOffset.UtcNow;
        Console.WriteLine($"late: {models.Length} model(s) of {workload.Features} features, {options.Predictions:N0} predictions each without actuals, " +
            $"then their late actuals oldest first; batch {options.Batch}, concurrency {options.Concurrency}");

        var records = new Stats(models.Length);
        var sending = await new Backfill(options, context, workload).SendAsync(models, Phase, options.Predictions, _ => start, records);
        Console.WriteLine($"predictions        {records.TotalAccepted:N0} in {sending.TotalSeconds:F1} s ({records.TotalAccepted / sending.TotalSeconds:N0}/s), " +
            $"429 {records.Overloaded:N0}, errors {records.Errors:N0}");

        // The progress lines count joined actuals.
        var joined = new Stats(models.Length);
        var (elapsed, unmatched) = await SendActualsAsync(models, joined);
        Console.WriteLine($"late actuals       {joined.TotalAccepted:N0} joined, {unmatched:N0} unmatched, in {elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"joined/s           {joined.TotalAccepted / elapsed.TotalSeconds:N0}");
        Console.WriteLine($"429 (overloaded)   {joined.Overloaded:N0} refusals; errors {joined.Errors:N0}, batches given up {joined.GivenUp:N0}");

        var recordsCounted = await context.EndCheck.RunAsync(models, records);
        var labelledCounted = await CheckLabelledAsync(models, joined, start);
        return recordsCounted && labelledCounted && unmatched == 0 ? 0 : 1;
    }

    /// <summary>The late actuals of a run's predictions, by id; the label is a fixed function of the record's number.</summary>
    public static byte[] ActualsJson(string prefix, long first, int count)
    {
        var json = new StringBuilder(count * 64).Append('[');
        for (var i = 0; i < count; i++)
        {
            var n = first + i;
            var label = unchecked((ulong)n * 0x9E3779B97F4A7C15UL) >> 63;
            json.Append(i > 0 ? "," : "")
                .Append(CultureInfo.InvariantCulture, $$$"""{"predictionId":"{{{prefix}}}-{{{n}}}","actual":{"label":"{{{label}}}"}}""");
        }

        return Encoding.UTF8.GetBytes(json.Append(']').ToString());
    }

    private async Task<(TimeSpan Elapsed, long Unmatched)> SendActualsAsync(string[] models, Stats joined)
    {
        var sender = new HttpBatchSender(context.Http, joined);
        var batchesPerModel = (options.Predictions + options.Batch - 1) / options.Batch;
        var batches = batchesPerModel * models.Length;
        long ticket = -1;
        long unmatched = 0;
        var stopwatch = Stopwatch.StartNew();
        using var progress = new CancellationTokenSource();
        var reporter = Progress.ReportAsync(joined, stopwatch, progress.Token);

        async Task WorkerAsync()
        {
            var latencies = joined.NewLatencyList();
            for (var n = Interlocked.Increment(ref ticket); n < batches; n = Interlocked.Increment(ref ticket))
            {
                var modelIndex = (int)(n % models.Length);
                var first = n / models.Length * options.Batch;
                var count = (int)Math.Min(options.Batch, options.Predictions - first);
                var body = ActualsJson($"{Phase}-{modelIndex}", first, count);
                var answer = await sender.SendAsync(models[modelIndex], "actuals", $"{context.Run}-a-{modelIndex}-{n}", body, latencies);
                if (answer is { } a)
                {
                    Interlocked.Add(ref joined.Accepted[modelIndex], a.Accepted - a.Unmatched);
                    Interlocked.Add(ref joined.Rejected, a.Rejected);
                    Interlocked.Add(ref unmatched, a.Unmatched);
                }
                else
                {
                    Interlocked.Increment(ref joined.GivenUp);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(WorkerAsync)));
        var elapsed = stopwatch.Elapsed;
        await progress.CancelAsync();
        await reporter;
        return (elapsed, unmatched);
    }

    // Every actual acknowledged as joined is counted once: the model's labelled predictions over the run's window.
    private async Task<bool> CheckLabelledAsync(string[] models, Stats joined, DateTimeOffset start)
    {
        var waited = Stopwatch.StartNew();
        var matching = 0;
        var from = Uri.EscapeDataString(start.AddHours(-1).ToString("O", CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(start.AddHours(2).ToString("O", CultureInfo.InvariantCulture));
        for (var i = 0; i < models.Length; i++)
        {
            var expected = Interlocked.Read(ref joined.Accepted[i]);
            long labelled;
            while (true)
            {
                var uri = new Uri($"v1/models/{models[i]}/performance?version=v1&environment=production&from={from}&to={to}", UriKind.Relative);
                using var answer = JsonDocument.Parse(await context.Http.GetStringAsync(uri));
                labelled = answer.RootElement.GetProperty("labelled").GetInt64();
                if (labelled == expected || waited.Elapsed > TimeSpan.FromSeconds(options.SettleSeconds))
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }

            matching += labelled == expected ? 1 : 0;
            Console.WriteLine($"model {models[i]}: joined {expected:N0}, labelled by the server {labelled:N0} -> {(labelled == expected ? "match" : "differ")}");
        }

        var pass = matching == models.Length;
        Console.WriteLine($"LABELLED CHECK: {(pass ? "PASS" : "FAIL")} ({matching:N0} of {models.Length:N0} models match)");
        return pass;
    }
}
