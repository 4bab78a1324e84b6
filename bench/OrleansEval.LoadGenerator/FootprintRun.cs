using System.Globalization;

namespace OrleansEval.LoadGenerator;

/// <summary>
/// Fills the last whole hours before now of every feature of many models, a set number of records per hourly bucket,
/// checks the counts, then reads the server's resident set: the memory that models × features live series take.
/// </summary>
internal sealed class FootprintRun(Options options, LoadContext context)
{
    public async Task<int> RunAsync()
    {
        var workload = new Workload(options.Seed, options.Actuals, options.Features, withProto: false);
        string[] models = [.. Enumerable.Range(0, options.Models).Select(i => $"footprint-{context.Run}-{i}")];
        var series = (long)models.Length * workload.Features;
        var buckets = series * options.Hours;
        var now = DateTimeOffset.UtcNow;
        var end = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var start = end.AddHours(-options.Hours);
        var perModel = (long)options.Hours * options.PerHour;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"footprint: {models.Length:N0} models x {workload.Features} features = {series:N0} series, {options.Hours} hourly buckets each in [{start:yyyy-MM-ddTHH:mm}Z, {end:yyyy-MM-ddTHH:mm}Z), " +
            $"{options.PerHour:N0} records per bucket; {perModel * models.Length:N0} records, batch {options.Batch}, concurrency {options.Concurrency}"));

        var idle = options.ServerPid is { } pid ? ServerMemory.Read(pid) : null;
        await context.RegisterAsync(models, workload.Model);
        var stats = new Stats(models.Length);
        var elapsed = await new Backfill(options, context, workload).SendAsync(models, "f", perModel, Backfill.Hourly(start, options.PerHour), stats);

        Console.WriteLine();
        Console.WriteLine($"records sent       {stats.TotalAccepted:N0} in {elapsed.TotalSeconds:F1} s");
        stats.Print(Console.Out, elapsed, workload.Features);
        var pass = await context.EndCheck.RunAsync(models, stats);
        if (idle is not null && options.ServerPid is { } serverPid)
        {
            var checkedMemory = ServerMemory.Read(serverPid);
            await Task.Delay(TimeSpan.FromSeconds(options.MemoryWaitSeconds));
            var settled = ServerMemory.Read(serverPid);
            Console.WriteLine();
            Line("server process", $"{settled.Name} (pid {serverPid}); the label join holds all {stats.TotalAccepted:N0} predictions (join window)");
            Line("memory, idle", idle);
            Line("memory, checked", checkedMemory);
            Line($"memory, +{options.MemoryWaitSeconds} s", settled);
            Line("per live series", $"{settled.RssKb / (double)series:N1} kB of VmRSS ({(settled.RssKb - idle.RssKb) / (double)series:N1} kB above idle), " +
                $"{series:N0} series = {models.Length:N0} models x {workload.Features} features");
            Line("per bucket", $"{settled.RssKb * 1024.0 / buckets:N0} B of VmRSS ({(settled.RssKb - idle.RssKb) * 1024.0 / buckets:N0} B above idle), " +
                $"{buckets:N0} buckets = series x {options.Hours} hours");
            Line("peak per series", $"{settled.PeakKb / (double)series:N1} kB of VmHWM");
            Line("target", $"10,000 series in 2 GiB: {2.0 * 1024 * 1024 / 10_000:N1} kB per series");
        }

        return pass ? 0 : 1;
    }

    private static void Line(string label, object value) => Console.WriteLine($"{label,-19}{value}");
}
