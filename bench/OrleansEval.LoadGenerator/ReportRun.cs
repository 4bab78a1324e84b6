using System.Diagnostics;
using System.Globalization;
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
    private const string Baseline = WideModelDays.Baseline;
    private const string Version = WideModelDays.Version;
    private const string Environment = WideModelDays.Environment;

    public async Task<int> RunAsync()
    {
        var days = new WideModelDays(options, context, "report");
        if (!await days.FillAsync())
        {
            return 1;
        }

        var (workload, model, start, end) = (days.Workload, days.Model, days.Start, days.End);
        var aligned = await TimeDriftAsync(model, "aligned to days", start, end, workload.Features);
        var ragged = await TimeDriftAsync(model, "not aligned", start.AddHours(5.5), end.AddHours(-6.5), workload.Features);
        return aligned && ragged ? 0 : 1;
    }

    private async Task<bool> TimeDriftAsync(string model, string label, DateTimeOffset from, DateTimeOffset to, int features)
    {
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture,
            $"v1/models/{model}/drift?baseline={Baseline}&version={Version}&environment={Environment}&from={Iso(from)}&to={Iso(to)}"), UriKind.Relative);
        var milliseconds = new double[options.Requests];
        var warmUp = new double[WarmUp];
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
            else
            {
                warmUp[i + WarmUp] = elapsed;
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
        Console.WriteLine($"  warm-up          {string.Join(", ", warmUp.Select(w => w.ToString("F1", CultureInfo.InvariantCulture)))} ms (the first is the window's first answer)");
        Console.WriteLine($"  answer           {body.Length:N0} bytes, {columns.GetArrayLength()} features (expected {features}: {(ok ? "ok" : "WRONG")}), " +
            $"{approximate} approximate");
        return ok;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
