using System.Diagnostics;

namespace OrleansEval.LoadGenerator;

/// <summary>Prints the records acknowledged so far and the rate of the last ten seconds, until cancelled.</summary>
internal static class Progress
{
    public static async Task ReportAsync(Stats stats, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        long previous = stats.TotalAccepted;
        var last = stopwatch.Elapsed;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = stopwatch.Elapsed;
                var total = stats.TotalAccepted;
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
}
