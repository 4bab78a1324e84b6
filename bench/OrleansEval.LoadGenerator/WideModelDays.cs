using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansEval.LoadGenerator;

/// <summary>
/// The setup the report and root-cause modes share: one wide model, <c>--reference-days</c> days of hourly records, a
/// baseline frozen over them, then <c>--days</c> days more ending <c>--end-offset</c> days before today, and the end
/// check. The model's records are of version <see cref="Version"/> in <see cref="Environment"/>.
/// </summary>
internal sealed class WideModelDays
{
    public const string Baseline = "reference";
    public const string Version = "v1";
    public const string Environment = "production";

    private readonly Options _options;
    private readonly LoadContext _context;

    public WideModelDays(Options options, LoadContext context, string mode)
    {
        _options = options;
        _context = context;
        Workload = new Workload(options.Seed, options.Actuals, options.Features, withProto: false);
        Model = $"{mode}-{context.Run}";
        var today = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
        End = today.AddDays(-options.EndOffsetDays);
        Start = End.AddDays(-options.Days);
        ReferenceStart = Start.AddDays(-options.ReferenceDays);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode}: model {Model} of {Workload.Features} features, {options.PerHour:N0} records per hour, {options.Actuals:P0} with an actual; " +
            $"reference [{ReferenceStart:yyyy-MM-dd}, {Start:yyyy-MM-dd}), window [{Start:yyyy-MM-dd}, {End:yyyy-MM-dd}) " +
            $"({options.Days} days, ending {options.EndOffsetDays} days before today)"));
    }

    public Workload Workload { get; }

    public string Model { get; }

    /// <summary>The window's first day, which is where the reference days end.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The end of the window, exclusive.</summary>
    public DateTimeOffset End { get; }

    public DateTimeOffset ReferenceStart { get; }

    /// <summary>Registers the model, sends the reference days, freezes the baseline, sends the window's days; true if the end check passes.</summary>
    public async Task<bool> FillAsync()
    {
        string[] models = [Model];
        await _context.RegisterAsync(models, Workload.Model);
        var stats = new Stats(1);
        var backfill = new Backfill(_options, _context, Workload);
        var referenceTime = await backfill.SendAsync(models, "reference", _options.ReferenceDays * 24L * _options.PerHour, Backfill.Hourly(ReferenceStart, _options.PerHour), stats);
        Console.WriteLine($"reference sent     {stats.TotalAccepted:N0} records in {referenceTime.TotalSeconds:F1} s");
        await FreezeAsync();
        var windowTime = await backfill.SendAsync(models, "window", _options.Days * 24L * _options.PerHour, Backfill.Hourly(Start, _options.PerHour), stats);
        Console.WriteLine($"window sent        {_options.Days * 24L * _options.PerHour:N0} records in {windowTime.TotalSeconds:F1} s");
        stats.Print(Console.Out, referenceTime + windowTime, Workload.Features);
        return await _context.EndCheck.RunAsync(models, stats);
    }

    private async Task FreezeAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await _context.Http.PutAsJsonAsync(
            $"v1/models/{Model}/baselines/{Baseline}", new { version = Version, environment = Environment, from = ReferenceStart, to = Start });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"freezing the baseline: HTTP {(int)response.StatusCode}: {text}");
        }

        using var answer = JsonDocument.Parse(text);
        Console.WriteLine($"baseline frozen    '{Baseline}' over {answer.RootElement.GetProperty("records").GetInt64():N0} records in {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
    }
}
