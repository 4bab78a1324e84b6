using System.Diagnostics;
using System.Globalization;

namespace OrleansEval.LoadGenerator;

/// <summary>
/// Times a performance query of one model's last hour, one at a time every <paramref name="every"/>, while the load
/// runs: what a dashboard or a monitor reading the store under ingest waits for, send to the last byte of the answer.
/// </summary>
internal sealed class QueryProbe(HttpClient http, string model, TimeSpan every)
{
    private readonly List<double> _latencies = [];
    private readonly Dictionary<int, int> _failures = [];

    /// <summary>Asks until <paramref name="stopwatch"/> passes <paramref name="duration"/>.</summary>
    public async Task RunAsync(Stopwatch stopwatch, TimeSpan duration)
    {
        while (stopwatch.Elapsed < duration)
        {
            var to = DateTimeOffset.UtcNow.AddMinutes(5);
            var uri = new Uri(string.Create(CultureInfo.InvariantCulture,
                $"v1/models/{model}/performance?from={Iso(to.AddHours(-1))}&to={Iso(to)}"), UriKind.Relative);
            var start = Stopwatch.GetTimestamp();
            using (var response = await http.GetAsync(uri))
            {
                await response.Content.ReadAsByteArrayAsync();
                if (response.IsSuccessStatusCode)
                {
                    _latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                else
                {
                    _failures[(int)response.StatusCode] = _failures.GetValueOrDefault((int)response.StatusCode) + 1;
                }
            }

            await Task.Delay(every);
        }
    }

    /// <summary>One line: the queries answered, their latency percentiles, and the failures by status.</summary>
    public void Print(TextWriter output)
    {
        var sorted = _latencies.Order().ToArray();
        var failures = _failures.Count == 0 ? "none" : string.Join(", ", _failures.Select(f => $"{f.Value} × HTTP {f.Key}"));
        output.WriteLine($"query latency      {sorted.Length:N0} performance queries: p50 {Percentiles.Of(sorted, 0.50):F1} ms, " +
            $"p99 {Percentiles.Of(sorted, 0.99):F1} ms, max {(sorted.Length > 0 ? sorted[^1] : 0):F1} ms; failed: {failures}");
    }

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
}
