using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansEval.LoadGenerator;

/// <summary>
/// Replays a generated scenario end to end, as a batch tool would be timed on it: a reference period that a baseline is
/// frozen from, then weeks of production in hourly buckets with actuals in the records, then one drift answer per week.
/// Every batch is generated before the clock starts; the clock runs from the first byte sent to the last answer
/// received, and each stage is printed with its share. The counts check: the baseline holds every reference record and
/// the weekly answers together every production record; the end check (acknowledged = counted) follows, untimed.
/// </summary>
internal sealed class ReplayRun(Options options, LoadContext context)
{
    public const string Version = "v1";

    private const string Baseline = "reference";
    private const string Environment = "production";
    private const int ReferenceWeeks = 4;

    public async Task<int> RunAsync()
    {
        var model = $"replay-{context.Run}";
        var end = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(-options.EndOffsetDays);
        var start = end.AddDays(-7 * options.Weeks);
        var referenceStart = start.AddDays(-7 * ReferenceWeeks);
        var scenario = new ReplayScenario(options.Seed);
        var reference = scenario.Batches("reference", options.ReferenceRecords, options.Batch, referenceStart, start, start);
        var production = scenario.Batches("production", options.ProductionRecords, options.Batch, start, end, start);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replay: model {model}, {ReplayScenario.NumericFeatures.Length + ReplayScenario.CategoricalFeatures.Length} features, hourly buckets; " +
            $"reference {options.ReferenceRecords:N0} records over [{referenceStart:yyyy-MM-dd}, {start:yyyy-MM-dd}), production {options.ProductionRecords:N0} " +
            $"over {options.Weeks} weeks [{start:yyyy-MM-dd}, {end:yyyy-MM-dd}); batches of {options.Batch:N0}, {options.Concurrency} posting at a time"));
        await context.RegisterAsync([model], ReplayScenario.Model);

        var stats = new Stats(1);
        var clock = Stopwatch.StartNew();
        var referenceTime = await SendAsync(model, "reference", reference, stats);
        Stage("reference sent", referenceTime, clock, $"{options.ReferenceRecords / referenceTime.TotalSeconds:N0} records/s");
        var (frozen, freezeTime) = await FreezeAsync(model, referenceStart, start);
        Stage("baseline frozen", freezeTime, clock, $"{frozen:N0} records");
        var productionTime = await SendAsync(model, "production", production, stats);
        Stage("production sent", productionTime, clock, $"{options.ProductionRecords / productionTime.TotalSeconds:N0} records/s");
        var weeks = new List<(TimeSpan Elapsed, long Count, int Drifted)>();
        for (var week = 0; week < options.Weeks; week++)
        {
            weeks.Add(await DriftAsync(model, start.AddDays(7 * week), start.AddDays(7 * (week + 1))));
        }

        var total = clock.Elapsed;
        var answers = weeks.Aggregate(TimeSpan.Zero, (sum, w) => sum + w.Elapsed);
        var latencies = weeks.Select(w => w.Elapsed.TotalMilliseconds).Order().ToArray();
        Stage("drift answers", answers, clock, string.Create(CultureInfo.InvariantCulture,
            $"{weeks.Count} weeks, one at a time: p50 {Percentiles.Of(latencies, 0.5):F1} ms, max {latencies[^1]:F1} ms; drifted features per week: {string.Join(' ', weeks.Select(w => w.Drifted))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total              {total.TotalSeconds:F2} s from the first byte sent to the last answer received"));

        var counted = weeks.Sum(w => w.Count);
        var countsMatch = frozen == options.ReferenceRecords && counted == options.ProductionRecords;
        Console.WriteLine($"counts             baseline {frozen:N0} of {options.ReferenceRecords:N0}, weekly answers {counted:N0} of {options.ProductionRecords:N0}: {(countsMatch ? "PASS" : "FAIL")}");
        stats.Print(Console.Out, referenceTime + productionTime, ReplayScenario.NumericFeatures.Length + ReplayScenario.CategoricalFeatures.Length);
        var endCheck = await context.EndCheck.RunAsync([model], stats);
        return countsMatch && endCheck ? 0 : 1;
    }

    private static void Stage(string name, TimeSpan elapsed, Stopwatch clock, string detail) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-18} {elapsed.TotalMilliseconds,8:F0} ms  (at {clock.Elapsed.TotalMilliseconds,6:F0} ms)  {detail}"));

    // Batches go in time order, each taken by the next free worker, as posting threads of a replay would send them.
    private async Task<TimeSpan> SendAsync(string model, string phase, List<byte[]> batches, Stats stats)
    {
        var sender = new HttpBatchSender(context.Http, stats);
        var stopwatch = Stopwatch.StartNew();
        var next = -1;

        async Task WorkerAsync()
        {
            var latencies = stats.NewLatencyList();
            for (var n = Interlocked.Increment(ref next); n < batches.Count; n = Interlocked.Increment(ref next))
            {
                sender.Count(0, await sender.SendAsync(model, $"{context.Run}-{phase}-{n}", batches[n], latencies));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(WorkerAsync)));
        return stopwatch.Elapsed;
    }

    private async Task<(long Records, TimeSpan Elapsed)> FreezeAsync(string model, DateTimeOffset from, DateTimeOffset to)
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await context.Http.PutAsJsonAsync(
            $"v1/models/{model}/baselines/{Baseline}", new { version = Version, environment = Environment, from, to });
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = stopwatch.Elapsed;
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"freezing the baseline: HTTP {(int)response.StatusCode}: {text}");
        }

        using var answer = JsonDocument.Parse(text);
        return (answer.RootElement.GetProperty("records").GetInt64(), elapsed);
    }

    // One week's drift answer, timed from sending the request to reading its last byte.
    private async Task<(TimeSpan Elapsed, long Count, int Drifted)> DriftAsync(string model, DateTimeOffset from, DateTimeOffset to)
    {
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture,
            $"v1/models/{model}/drift?baseline={Baseline}&version={Version}&environment={Environment}&from={Iso(from)}&to={Iso(to)}"), UriKind.Relative);
        var stopwatch = Stopwatch.StartNew();
        using var response = await context.Http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        var elapsed = stopwatch.Elapsed;
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"drift for [{Iso(from)}, {Iso(to)}): HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }

        using var answer = JsonDocument.Parse(body);
        var root = answer.RootElement;
        var drifted = root.GetProperty("features").EnumerateArray().Count(f => f.GetProperty("drifted").GetBoolean());
        return (elapsed, root.GetProperty("count").GetInt64(), drifted);
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
