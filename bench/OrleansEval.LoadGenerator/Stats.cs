namespace OrleansEval.LoadGenerator;

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

    public long TotalAccepted => Accepted.Sum(a => Interlocked.Read(ref a));

    /// <summary>A list for one worker's latencies, in milliseconds.</summary>
    public List<double> NewLatencyList()
    {
        var latencies = new List<double>(4096);
        lock (Latencies)
        {
            Latencies.Add(latencies);
        }

        return latencies;
    }

    public void Error(string message)
    {
        Interlocked.Increment(ref Errors);
        FirstError ??= message.Length > 300 ? message[..300] : message;
    }

    /// <summary>Requests, records, rates, acknowledgement latencies, 429s and errors, one line each.</summary>
    public void Print(TextWriter output, TimeSpan elapsed, int features)
    {
        var latencies = Latencies.SelectMany(l => l).Order().ToArray();
        var accepted = TotalAccepted;
        output.WriteLine($"requests           {latencies.Length:N0} acknowledged");
        output.WriteLine($"records accepted   {accepted:N0}, rejected {Rejected:N0}");
        output.WriteLine($"records/s          {accepted / elapsed.TotalSeconds:N0}");
        output.WriteLine($"feature values/s   {accepted * features / elapsed.TotalSeconds:N0}");
        output.WriteLine($"ack latency        p50 {Percentiles.Of(latencies, 0.50):F1} ms, p99 {Percentiles.Of(latencies, 0.99):F1} ms, " +
            $"p99.9 {Percentiles.Of(latencies, 0.999):F1} ms, max {(latencies.Length > 0 ? latencies[^1] : 0):F1} ms");
        output.WriteLine($"429 (overloaded)   {Overloaded:N0} refusals (each resent after its Retry-After, same idempotency key)");
        output.WriteLine($"refused, then ok   {RefusedThenAccepted:N0} requests refused at least once and then accepted");
        output.WriteLine($"errors             {Errors:N0} (retried with the same idempotency key), batches given up {GivenUp:N0}");
        if (FirstError is { } firstError)
        {
            output.WriteLine($"first error        {firstError}");
        }
    }
}
