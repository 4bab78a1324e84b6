using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace OrleansEval.Server.Tests.Faults;

/// <summary>
/// Continuous ingest by concurrent clients, as a careful producer sends it: each batch of records goes under its own
/// Idempotency-Key and is sent again under the same key — after Retry-After on a 429 or 503, after a short pause when
/// the connection failed — until the server acknowledges it with 200. Counts the records acknowledged, and the answers.
/// </summary>
internal sealed class IngestLoad : IAsyncDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;
    private readonly string _modelId;
    private readonly int _batchSize;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentDictionary<string, int> _answers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _clients = [];
    private TaskCompletionSource _gate = Open();
    private long _acknowledged;
    private int _pendingRecords;
    private int _waitingAtGate;
    private int _unavailableWithRetryAfter;
    private int _unavailableWithoutRetryAfter;

    public IngestLoad(Uri baseAddress, string apiKey, string modelId, int batchSize)
    {
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        _modelId = modelId;
        _batchSize = batchSize;
    }

    /// <summary>Records the server acknowledged with 200.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Records of batches sent but not yet acknowledged: the server may or may not have kept them.</summary>
    public int PendingRecords => Volatile.Read(ref _pendingRecords);

    /// <summary>503 answers that carried Retry-After.</summary>
    public int UnavailableWithRetryAfter => Volatile.Read(ref _unavailableWithRetryAfter);

    /// <summary>503 answers without Retry-After.</summary>
    public int UnavailableWithoutRetryAfter => Volatile.Read(ref _unavailableWithoutRetryAfter);

    /// <summary>Every answer by status code, and failed connections as "connection".</summary>
    public IReadOnlyDictionary<string, int> Answers => _answers;

    /// <summary>Answers that are neither 200, 429, 503 nor a failed connection: each is a bug of the server.</summary>
    public IEnumerable<string> UnexpectedAnswers => _answers.Keys.Where(k => k is not ("200" or "429" or "503" or "connection"));

    public void Start(int clients)
    {
        for (var client = 0; client < clients; client++)
        {
            var id = client;
            _clients.Add(Task.Run(() => RunAsync(id)));
        }
    }

    /// <summary>Clients finish the request they are in, then wait; returns once every client waits (or throws after <paramref name="timeout"/>).</summary>
    public async Task PauseAsync(TimeSpan timeout)
    {
        Interlocked.Exchange(ref _gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref _waitingAtGate) < _clients.Count)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Only {_waitingAtGate} of {_clients.Count} ingest clients paused within {timeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    public void Resume() => _gate.TrySetResult();

    /// <summary>Clients send no new batch, but see the one they hold acknowledged; throws when that takes longer than <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        await _stop.CancelAsync();
        Resume();
        var all = Task.WhenAll(_clients);
        if (await Task.WhenAny(all, Task.Delay(timeout)) != all)
        {
            throw new TimeoutException($"The ingest clients did not see their last batches ({PendingRecords} records) acknowledged within {timeout.TotalSeconds:F0} s.");
        }

        await all;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Resume();
        _http.Dispose();
        await Task.WhenAny(Task.WhenAll(_clients), Task.Delay(TimeSpan.FromSeconds(5)));
        _stop.Dispose();
    }

    public string Describe() =>
        $"acknowledged {Acknowledged}, pending {PendingRecords}, answers {string.Join(", ", _answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value}"))}";

    private static TaskCompletionSource Open()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private async Task RunAsync(int client)
    {
        for (var batch = 0; !_stop.IsCancellationRequested; batch++)
        {
            var key = $"{_run}-c{client}-b{batch}";
            var body = Batch(key);
            Interlocked.Add(ref _pendingRecords, _batchSize);
            var acknowledged = false;
            while (!acknowledged)
            {
                acknowledged = await TrySendAsync(key, body);
            }

            Interlocked.Add(ref _pendingRecords, -_batchSize);
        }
    }

    // True once the batch is acknowledged; false after a pause fitting the answer, to send it again under its key.
    private async Task<bool> TrySendAsync(string key, string body)
    {
        await PassGateAsync();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v1/models/{_modelId}/records", UriKind.Relative))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await _http.SendAsync(request);
            var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            _answers.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Interlocked.Add(ref _acknowledged, answer.RootElement.GetProperty("accepted").GetInt64());
                return true;
            }

            var retryAfter = response.Headers.RetryAfter?.Delta;
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Interlocked.Increment(ref retryAfter is null ? ref _unavailableWithoutRetryAfter : ref _unavailableWithRetryAfter);
            }

            await Task.Delay(retryAfter is { } wait ? TimeSpan.FromTicks(Math.Min(wait.Ticks, MaxRetryAfter.Ticks)) : RetryPause);
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            _answers.AddOrUpdate("connection", 1, (_, n) => n + 1);
            await Task.Delay(RetryPause);
            return false;
        }
    }

    private async Task PassGateAsync()
    {
        var gate = Volatile.Read(ref _gate);
        if (gate.Task.IsCompleted)
        {
            return;
        }

        Interlocked.Increment(ref _waitingAtGate);
        try
        {
            await gate.Task;
        }
        finally
        {
            Interlocked.Decrement(ref _waitingAtGate);
        }
    }

    // Records of a regression model with one numeric feature, spread over the hours around now.
    private string Batch(string key)
    {
        var now = TimeProvider.System.GetUtcNow();
        var builder = new StringBuilder("[");
        for (var i = 0; i < _batchSize; i++)
        {
            var at = now.AddHours(-(i % 6)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var x = (i % 97 / 10.0).ToString(CultureInfo.InvariantCulture);
            builder.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture,
                $$$"""{"predictionId": "{{{key}}}-{{{i}}}", "timestamp": "{{{at}}}", "version": "v1", "environment": "production", "features": {"x": {{{x}}}}, "prediction": {"value": {{{x}}}}}""");
        }

        return builder.Append(']').ToString();
    }
}
