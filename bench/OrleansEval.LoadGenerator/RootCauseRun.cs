using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansEval.LoadGenerator;

/// <summary>
/// Fills days of hourly data of one wide model with actuals, freezes a baseline from the days before them, checks the
/// counts, then times the root cause of those days end to end over HTTP, one request at a time: the first (the
/// baseline's side was counted in the background since the freeze, so it reads no row either), then <c>--requests</c>
/// more from the per-bin state, one under each other mean metric of a classifier, then one from rows for comparison,
/// whose change must equal the per-bin answers' (to 1e-12).
/// </summary>
internal sealed class RootCauseRun(Options options, LoadContext context)
{
    private const string Baseline = WideModelDays.Baseline;
    private const string Version = WideModelDays.Version;
    private const string Environment = WideModelDays.Environment;

    public async Task<int> RunAsync()
    {
        var days = new WideModelDays(options, context, "rootcause");
        if (!await days.FillAsync())
        {
            return 1;
        }

        var (workload, model, start, end) = (days.Workload, days.Model, days.Start, days.End);
        if (options.IdleSeconds > 0)
        {
            Console.WriteLine($"waiting {options.IdleSeconds} s before the first question (--idle)");
            await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds));
        }

        var query = string.Create(CultureInfo.InvariantCulture,
            $"v1/models/{model}/root-cause?baseline={Baseline}&version={Version}&environment={Environment}&from={Iso(start)}&to={Iso(end)}");
        var (first, firstAnswer) = await AskAsync(query);
        var milliseconds = new double[options.Requests];
        var answer = firstAnswer;
        for (var i = 0; i < options.Requests; i++)
        {
            (milliseconds[i], answer) = await AskAsync(query);
        }

        var metrics = answer.GetProperty("metric").GetString() == "accuracy" ? new[] { "errorRate", "logLoss", "brier" } : ["squaredError"];
        var others = new List<(string Metric, double Milliseconds, JsonElement Answer)>();
        foreach (var metric in metrics)
        {
            var (ms, other) = await AskAsync(query + "&metric=" + metric);
            others.Add((metric, ms, other));
        }

        var (rows, rowsAnswer) = await AskAsync(query + "&source=rows");
        var ok = Print(workload.Features, (first, firstAnswer), milliseconds, answer, rows, rowsAnswer);
        foreach (var (metric, ms, other) in others)
        {
            var source = other.GetProperty("source").GetString();
            ok &= source == "bins";
            Console.WriteLine($"  {metric,-16} {ms:F1} ms (source {source})");
        }

        return ok ? 0 : 1;
    }

    private bool Print(int features, (double Milliseconds, JsonElement Answer) first, double[] milliseconds, JsonElement answer, double rows, JsonElement rowsAnswer)
    {
        Array.Sort(milliseconds);
        var bins = answer.GetProperty("features").EnumerateArray().Sum(f => f.GetProperty("bins").GetArrayLength());
        var source = answer.GetProperty("source").GetString();
        var firstSource = first.Answer.GetProperty("source").GetString();
        var change = answer.GetProperty("change").GetDouble();
        var sameChange = Math.Abs(rowsAnswer.GetProperty("change").GetDouble() - change) <= 1e-12
            && first.Answer.GetProperty("change").GetDouble() == change;
        var ok = source == "bins" && firstSource == "bins" && answer.GetProperty("features").GetArrayLength() == features && sameChange;
        Console.WriteLine();
        Console.WriteLine($"root cause: {answer.GetProperty("current").GetProperty("rows").GetInt64():N0} current rows, " +
            $"{answer.GetProperty("baseline").GetProperty("rows").GetInt64():N0} baseline rows, {features} features, {bins} bins, source {source} ({(ok ? "ok" : "WRONG")})");
        Console.WriteLine($"  first request    {first.Milliseconds:F1} ms (source {firstSource}; the baseline's side was counted in the background since the freeze)");
        Console.WriteLine($"  per-bin          p50 {Percentiles.Of(milliseconds, 0.50):F1} ms, p90 {Percentiles.Of(milliseconds, 0.90):F1} ms, " +
            $"max {milliseconds[^1]:F1} ms, mean {milliseconds.Average():F1} ms ({options.Requests} requests, one at a time)");
        Console.WriteLine($"  from rows        {rows:F1} ms (source {rowsAnswer.GetProperty("source").GetString()}, change {rowsAnswer.GetProperty("change")} against {answer.GetProperty("change")}, {(sameChange ? "the same" : "DIFFERENT")})");
        return ok;
    }

    private async Task<(double Milliseconds, JsonElement Answer)> AskAsync(string query)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await context.Http.GetAsync(new Uri(query, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"root cause: HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        }

        using var answer = JsonDocument.Parse(body);
        return (elapsed, answer.RootElement.Clone());
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
