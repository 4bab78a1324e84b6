using System.Diagnostics;
using System.Text.Json;

namespace OrleansEval.LoadGenerator;

/// <summary>
/// Compares what the server acknowledged per model with what it counts (<c>GET /v1/models/{id}</c>, the records of every
/// series), polling until they match or the settle time has passed, and prints PASS or FAIL.
/// </summary>
internal sealed class EndCheck(HttpClient http, TimeSpan settle)
{
    // Beyond this many models only those that differ get a line of their own.
    private const int ModelsListed = 10;

    public async Task<bool> RunAsync(IReadOnlyList<string> models, Stats stats)
    {
        var waited = Stopwatch.StartNew();
        var matching = 0;
        for (var i = 0; i < models.Count; i++)
        {
            var expected = Interlocked.Read(ref stats.Accepted[i]);
            long counted;
            while (true)
            {
                counted = await CountAsync(models[i]);
                if (counted == expected || waited.Elapsed > settle)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }

            var ok = counted == expected;
            matching += ok ? 1 : 0;
            if (!ok || models.Count <= ModelsListed)
            {
                Console.WriteLine($"model {models[i]}: acknowledged {expected:N0}, counted by the server {counted:N0} " +
                    $"(after {waited.Elapsed.TotalSeconds:F1} s) -> {(ok ? "match" : $"differ by {counted - expected:N0}")}");
            }
        }

        var pass = matching == models.Count;
        Console.WriteLine($"END CHECK: {(pass ? "PASS" : "FAIL")} ({matching:N0} of {models.Count:N0} models match, {stats.TotalAccepted:N0} records, " +
            $"checked in {waited.Elapsed.TotalSeconds:F1} s)");
        return pass;
    }

    private async Task<long> CountAsync(string model)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri($"v1/models/{model}", UriKind.Relative)));
        long total = 0;
        if (document.RootElement.TryGetProperty("series", out var series))
        {
            foreach (var item in series.EnumerateArray())
            {
                if (item.TryGetProperty("records", out var records) && records.ValueKind == JsonValueKind.Number)
                {
                    total += records.GetInt64();
                }
            }
        }

        return total;
    }
}
