using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using OrleansEval.Client;
using OrleansEval.LoadGenerator;
using Proto = OrleansEval.Gateway.Grpc.V1;

// A request is given up after this many errors, or after this many 429s: refusals are expected under overload, so they get a budget of their own.
const int MaxErrorTries = 20;
const int MaxRefusals = 120;

Options options;
try
{
    options = Options.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = Math.Max(options.Concurrency, 1),
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    EnableMultipleHttp2Connections = true,
};
using var grpcHandler = new SocketsHttpHandler
{
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    EnableMultipleHttp2Connections = true,
};
using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = options.Url, Timeout = TimeSpan.FromMinutes(2) };
using var channel = GrpcChannel.ForAddress(options.Grpc, new GrpcChannelOptions { HttpHandler = grpcHandler, DisposeHttpClient = false });
var client = new OrleansEvalClient(http);
var grpc = new Proto.OrleansEval.OrleansEvalClient(channel);

var run = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
var models = Enumerable.Range(0, options.Models).Select(i => $"load-{run}-{i}").ToArray();
foreach (var model in models)
{
    await client.PutModelAsync(model, Workload.Model);
}

Console.WriteLine($"protocol {options.Protocol}, {models.Length} model(s) of {Workload.FeatureCount} features, batch {options.Batch}, " +
    $"concurrency {options.Concurrency}, duration {options.Duration} s, rate {(options.Rate > 0 ? options.Rate.ToString("N0", CultureInfo.InvariantCulture) + " records/s" : "flat out")}");
Console.WriteLine($"models: {string.Join(", ", models)}");
var workload = new Workload(options.Seed, options.Actuals);

var stats = new Stats(models.Length);
var stopwatch = Stopwatch.StartNew();
var end = TimeSpan.FromSeconds(options.Duration);
long ticket = -1;
var secondsPerBatch = options.Rate > 0 ? options.Batch / options.Rate : 0;

using var progress = new CancellationTokenSource();
var reporter = ReportProgressAsync(progress.Token);
var workers = Enumerable.Range(0, options.Concurrency).Select(w => Task.Run(() => WorkerAsync(w))).ToArray();
await Task.WhenAll(workers);
var elapsed = stopwatch.Elapsed;
await progress.CancelAsync();
await reporter;

var accepted = stats.Accepted.Sum();
var latencies = stats.Latencies.SelectMany(l => l).Order().ToArray();
Console.WriteLine();
Console.WriteLine($"elapsed            {elapsed.TotalSeconds:F1} s (sending stopped at {options.Duration} s; in-flight requests finished)");
Console.WriteLine($"requests           {latencies.Length:N0} acknowledged");
Console.WriteLine($"records accepted   {accepted:N0}, rejected {stats.Rejected:N0}");
Console.WriteLine($"records/s          {accepted / elapsed.TotalSeconds:N0}");
Console.WriteLine($"feature values/s   {accepted * Workload.FeatureCount / elapsed.TotalSeconds:N0}");
Console.WriteLine($"ack latency        p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, p99.9 {Percentile(latencies, 0.999):F1} ms, max {(latencies.Length > 0 ? latencies[^1] : 0):F1} ms");
Console.WriteLine($"429 (overloaded)   {stats.Overloaded:N0} refusals (each resent after its Retry-After, same idempotency key)");
Console.WriteLine($"refused, then ok   {stats.RefusedThenAccepted:N0} requests refused at least once and then accepted");
Console.WriteLine($"errors             {stats.Errors:N0} (retried with the same idempotency key), batches given up {stats.GivenUp:N0}");
if (stats.FirstError is { } firstError)
{
    Console.WriteLine($"first error        {firstError}");
}

var pass = await CheckCountsAsync();
Console.WriteLine(pass ? "END CHECK: PASS" : "END CHECK: FAIL");
return pass ? 0 : 1;

async Task WorkerAsync(int worker)
{
    var cursor = worker * 997 % Workload.PoolSize;
    var latencies = new List<double>(4096);
    lock (stats.Latencies)
    {
        stats.Latencies.Add(latencies);
    }

    while (true)
    {
        var n = Interlocked.Increment(ref ticket);
        if (secondsPerBatch > 0)
        {
            var due = TimeSpan.FromSeconds(n * secondsPerBatch);
            if (due >= end)
            {
                return;
            }

            var wait = due - stopwatch.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }
        else if (stopwatch.Elapsed >= end)
        {
            return;
        }

        var modelIndex = (int)(n % models.Length);
        var model = models[modelIndex];
        var key = $"{run}-{modelIndex}-{n}";
        var first = n * options.Batch;
        var now = DateTimeOffset.UtcNow;
        var result = options.Protocol == "http"
            ? await SendHttpAsync(model, key, workload.JsonBatch($"{run}-{modelIndex}", first, options.Batch, now, ref cursor), latencies)
            : await SendGrpcAsync(workload.ProtoBatch(model, key, $"{run}-{modelIndex}", first, options.Batch, now, ref cursor), latencies);
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
}

async Task<(int Accepted, int Rejected)?> SendHttpAsync(string model, string key, byte[] body, List<double> latencies)
{
    var (errors, refusals) = (0, 0);
    while (errors < MaxErrorTries && refusals < MaxRefusals)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/models/{model}/records") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(OrleansEvalClient.IdempotencyHeader, key);
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref stats.Overloaded);
                refusals++;
                await Task.Delay(Spread(RetryAfter(response.Headers.RetryAfter)));
                continue;
            }

            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                stats.Error($"HTTP {(int)response.StatusCode}: {Truncate(text)}");
                errors++;
                await Task.Delay(TimeSpan.FromMilliseconds(200));
                continue;
            }

            using var answer = JsonDocument.Parse(text);
            latencies.Add(milliseconds);
            CountAcceptedAfterRefusal(refusals);
            return (answer.RootElement.GetProperty("accepted").GetInt32(), answer.RootElement.GetProperty("rejected").GetArrayLength());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            stats.Error($"{e.GetType().Name}: {e.Message}");
            errors++;
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    return null;
}

async Task<(int Accepted, int Rejected)?> SendGrpcAsync(Proto.IngestRequest request, List<double> latencies)
{
    var (errors, refusals) = (0, 0);
    while (errors < MaxErrorTries && refusals < MaxRefusals)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var reply = await grpc.IngestAsync(request, deadline: DateTime.UtcNow.AddMinutes(2));
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            CountAcceptedAfterRefusal(refusals);
            return (reply.Accepted, reply.Rejected.Count);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
        {
            Interlocked.Increment(ref stats.Overloaded);
            refusals++;
            var seconds = e.Trailers.GetValue("retry-after") is { } value && int.TryParse(value, CultureInfo.InvariantCulture, out var s) ? s : 1;
            await Task.Delay(Spread(TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 60))));
        }
        catch (RpcException e)
        {
            stats.Error($"gRPC {e.StatusCode}: {Truncate(e.Status.Detail)}");
            errors++;
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    return null;
}

void CountAcceptedAfterRefusal(int refusals)
{
    if (refusals > 0)
    {
        Interlocked.Increment(ref stats.RefusedThenAccepted);
    }
}

async Task<bool> CheckCountsAsync()
{
    var pass = true;
    for (var i = 0; i < models.Length; i++)
    {
        var expected = Interlocked.Read(ref stats.Accepted[i]);
        var waited = Stopwatch.StartNew();
        long counted;
        while (true)
        {
            counted = await CountAsync(models[i]);
            if (counted == expected || waited.Elapsed > TimeSpan.FromSeconds(options.SettleSeconds))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        var ok = counted == expected;
        pass &= ok;
        Console.WriteLine($"model {models[i]}: acknowledged {expected:N0}, counted by the server {counted:N0} " +
            $"(after {waited.Elapsed.TotalSeconds:F1} s) -> {(ok ? "match" : $"differ by {counted - expected:N0}")}");
    }

    return pass;
}

async Task<long> CountAsync(string model)
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

async Task ReportProgressAsync(CancellationToken cancellationToken)
{
    long previous = 0;
    var last = TimeSpan.Zero;
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
    try
    {
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var now = stopwatch.Elapsed;
            var total = stats.Accepted.Sum(a => Interlocked.Read(ref a));
            Console.WriteLine($"{now.TotalSeconds,5:F0} s: {total,12:N0} records, {(total - previous) / (now - last).TotalSeconds,10:N0} records/s, " +
                $"429 {Interlocked.Read(ref stats.Overloaded):N0}, errors {Interlocked.Read(ref stats.Errors):N0}");
            previous = total;
            last = now;
        }
    }
    catch (OperationCanceledException)
    {
    }
}

// Up to half as long again at random, so that clients refused together do not all come back together.
static TimeSpan Spread(TimeSpan delay) => delay + (delay * Random.Shared.NextDouble() / 2);

static TimeSpan RetryAfter(RetryConditionHeaderValue? retryAfter)
{
    var delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.FromSeconds(1));
    return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > TimeSpan.FromSeconds(60) ? TimeSpan.FromSeconds(60) : delay;
}

static double Percentile(double[] sorted, double quantile) =>
    sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

static string Truncate(string? text) => text is null ? "" : text.Length > 300 ? text[..300] : text;

/// <summary>Counters shared by the workers.</summary>
internal sealed class Stats(int models)
{
#pragma warning disable CA1051 // Fields, so that workers can update them with Interlocked.
    public readonly long[] Accepted = new long[models];
    public long Rejected;
    public long Overloaded;
    public long RefusedThenAccepted;
    public long Errors;
    public long GivenUp;
#pragma warning restore CA1051

    public List<List<double>> Latencies { get; } = [];

    public string? FirstError { get; private set; }

    public void Error(string message)
    {
        Interlocked.Increment(ref Errors);
        FirstError ??= message;
    }
}
