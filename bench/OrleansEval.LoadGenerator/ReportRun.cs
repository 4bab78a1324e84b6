using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrleansEval.LoadGenerator;

/// <summary>
/// Fills days of hourly data of one wide model, freezes a baseline from the days before them, checks the counts, then
/// times the drift report over those days end to end over HTTP (send to the last byte of the answer), one request at a
/// time: over a window aligned to days, then over one that is not.
/// </summary>
internal sealed class ReportRun(Options options, LoadContext context)
{
    private const int WarmUp = 3;
    private const string Baseline = "reference";
    private const string Version = "v1";
    private const string Environment = "production";

    public async Task<int> RunAsync()
    {
        var workload = new Workload(options.Seed, options.Actuals, options.Features, withProto: false);
        string[] models = [$"report-{context.Run}"];
        var today = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
        var end = today.AddDays(-options.EndOffsetDays);
        var start = end.AddDays(-options.Days);
        var referenceStart = start.AddDays(-options.ReferenceDays);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"report: model {models[0]} of {workload.Features} features, {options.PerHour:N0} records per hour; reference [{referenceStart:yyyy-MM-dd}, {start:yyyy-MM-dd}), " +
            $"window [{start:yyyy-MM-dd}, {end:yyyy-MM-dd}) ({options.Days} days, ending {options.EndOffsetDays} days before today)"));

        await context.RegisterAsync(models, workload.Model);
        var stats = new Stats(1);
        var backfill = new Backfill(options, context, workload);
        var referenceTime = await backfill.SendAsync(models, "reference", options.ReferenceDays * 24L * options.PerHour, Backfill.Hourly(referenceStart, options.PerHour), stats);
        Console.WriteLine($"reference sent     {stats.TotalAccepted:N0} records in {referenceTime.TotalSeconds:F1} s");
        await FreezeAsync(models[0], referenceStart, start);
        var windowTime = await backfill.SendAsync(models, "window", options.Days * 24L * options.PerHour, Backfill.Hourly(start, options.PerHour), stats);
        Console.WriteLine($"window sent        {options.Days * 24L * options.PerHour:N0} records in {windowTime.TotalSeconds:F1} s");
        stats.Print(Console.Out, referenceTime + windowTime, workload.Features);
        if (!await context.EndCheck.RunAsync(models, stats))
        {
            return 1;
        }

        var aligned = await TimeDriftAsync(models[0], "aligned to days", start, end, workload.Features);
        var ragged = await TimeDriftAsync(models[0], "not aligned", start.AddHours(5.5), end.AddHours(-6.5), workload.Features);
        return aligned && ragged ? 0 : 1;
    }

    private async Task FreezeAsync(string model, DateTimeOffset from, DateTimeOffset to)
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await context.Http.PutAsJsonAsync(
            $"v1/models/{model}/baselines/{Baseline}", new { version = Version, environment = Environment, from, to });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"freezing the baseline: HTTP {(int)response.StatusCode}: {text}");
        }

        using var answer = JsonDocument.Parse(text);
        Console.WriteLine($"baseline frozen    '{Baseline}' over {answer.RootElement.GetProperty("records").GetInt64():N0} records in {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
    }

    private async Task<bool> TimeDriftAsync(string model, string label, DateTimeOffset from, DateTimeOffset to, int features)
    {
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture,
            $"v1/models/{model}/drift?baseline={Baseline}&version={Version}&environment={Environment}&from={Iso(from)}&to={Iso(to)}"), UriKind.Relative);
        var milliseconds = new double[options.Requests];
        byte[] body = [];
        for (var i = -WarmUp; i < options.Requests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await context.Http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
            body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                Console.WriteLine($"drift, {label}: HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
                return false;
            }

            if (i >= 0)
            {
                milliseconds[i] = elapsed;
            }
        }

        using var answer = JsonDocument.Parse(body);
        var root = answer.RootElement;
        var columns = root.GetProperty("features");
        var approximate = columns.EnumerateArray().Count(c => c.GetProperty("approximate").GetBoolean());
        var window = root.GetProperty("window");
        Array.Sort(milliseconds);
        var ok = columns.GetArrayLength() == features;
        Console.WriteLine();
        Console.WriteLine($"drift, {label}: asked [{Iso(from)}, {Iso(to)}), answered [{window.GetProperty("from").GetString()}, {window.GetProperty("to").GetString()}), " +
            $"{root.GetProperty("count").GetInt64():N0} records");
        Console.WriteLine($"  latency          p50 {Percentiles.Of(milliseconds, 0.50):F1} ms, p90 {Percentiles.Of(milliseconds, 0.90):F1} ms, " +
            $"p99 {Percentiles.Of(milliseconds, 0.99):F1} ms, max {milliseconds[^1]:F1} ms, mean {milliseconds.Average():F1} ms " +
            $"({options.Requests} requests, one at a time, after {WarmUp} warm-up)");
        Console.WriteLine($"  answer           {body.Length:N0} bytes, {columns.GetArrayLength()} features (expected {features}: {(ok ? "ok" : "WRONG")}), " +
            $"{approximate} approximate");
        return ok;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
