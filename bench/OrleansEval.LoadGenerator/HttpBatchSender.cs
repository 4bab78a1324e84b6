using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OrleansEval.Client;

namespace OrleansEval.LoadGenerator;

/// <summary>
/// Posts one batch of records (or of late actuals), resending a 429 or an error under the same idempotency key as
/// <see cref="RetryBudget"/> says. Latency is from send to the full answer, for acknowledged batches.
/// </summary>
internal sealed class HttpBatchSender(HttpClient http, Stats stats)
{
    public async Task<(int Accepted, int Rejected)?> SendAsync(string model, string key, byte[] body, List<double> latencies) =>
        await SendAsync(model, "records", key, body, latencies) is { } answer ? (answer.Accepted, answer.Rejected) : null;

    /// <summary>Posts to <c>v1/models/{model}/{endpoint}</c>; an actuals answer also says how many were not matched.</summary>
    public async Task<(int Accepted, int Rejected, int Unmatched)?> SendAsync(string model, string endpoint, string key, byte[] body, List<double> latencies)
    {
        var budget = new RetryBudget(stats);
        while (budget.CanTry)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/models/{model}/{endpoint}") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(OrleansEvalClient.IdempotencyHeader, key);
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                var milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await budget.RefusedAsync(RetryAfter(response.Headers.RetryAfter));
                    continue;
                }

                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    await budget.FailedAsync($"HTTP {(int)response.StatusCode}: {text}");
                    continue;
                }

                using var answer = JsonDocument.Parse(text);
                latencies.Add(milliseconds);
                budget.Acknowledged();
                var root = answer.RootElement;
                var unmatched = root.TryGetProperty("unmatched", out var list) ? list.GetArrayLength() : 0;
                return (root.GetProperty("accepted").GetInt32(), root.GetProperty("rejected").GetArrayLength(), unmatched);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                await budget.FailedAsync($"{e.GetType().Name}: {e.Message}");
            }
        }

        return null;
    }

    /// <summary>Counts an answer for the model at <paramref name="modelIndex"/>, or a batch given up.</summary>
    public void Count(int modelIndex, (int Accepted, int Rejected)? result)
    {
        if (result is { } answer)
        {
            Interlocked.Add(ref stats.Accepted[modelIndex], answer.Accepted);
            Interlocked.Add(ref stats.Rejected, answer.Rejected);
        }
        else
        {
            Interlocked.Increment(ref stats.GivenUp);
        }
    }

    private static TimeSpan RetryAfter(RetryConditionHeaderValue? retryAfter) =>
        retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.FromSeconds(1));
}
