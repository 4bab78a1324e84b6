using System.Globalization;

namespace OrleansEval.LoadGenerator;

/// <summary>The command line of the load generator.</summary>
internal sealed record Options
{
    /// <summary>A timed run at the current time (the default mode).</summary>
    public const string IngestMode = "ingest";

    /// <summary>Fills the last hours of many models, then reads the server's memory.</summary>
    public const string FootprintMode = "footprint";

    /// <summary>Fills days of one wide model, freezes a baseline, then times drift reports over HTTP.</summary>
    public const string ReportMode = "report";

    /// <summary>Sends predictions without actuals, then their late actuals flat out, and times the join.</summary>
    public const string LateMode = "late";

    /// <summary>Fills days of one wide model with actuals, freezes a baseline, then times root causes over HTTP.</summary>
    public const string RootCauseMode = "rootcause";

    /// <summary>Replays a generated 5-feature scenario end to end: reference, baseline, weeks of production, weekly drift answers.</summary>
    public const string ReplayMode = "replay";

    /// <summary>Times batch acknowledged → alert on the SSE stream with many monitors, then ingest throughput beside them.</summary>
    public const string DetectMode = "detect";

    public string Mode { get; init; } = IngestMode;

    public Uri Url { get; init; } = new("http://127.0.0.1:5080");

    public Uri Grpc { get; init; } = new("http://127.0.0.1:5081");

    public string Protocol { get; init; } = "http";

    /// <summary>The API key sent as <c>Authorization: Bearer</c> (and gRPC metadata); none for a development server without keys.</summary>
    public string? Key { get; init; }

    public int Models { get; init; } = 1;

    /// <summary>Features per model: 20 (the workload's own), or more in the same mix.</summary>
    public int Features { get; init; } = Workload.FeatureCount;

    public int Batch { get; init; } = 1000;

    public int Concurrency { get; init; } = 4;

    public int Duration { get; init; } = 60;

    /// <summary>Records per second over all workers; 0 is flat out.</summary>
    public double Rate { get; init; }

    /// <summary>Ingest: milliseconds between performance queries timed while the load runs; 0 asks none.</summary>
    public int QueryEvery { get; init; }

    /// <summary>Share of records that carry their actual.</summary>
    public double Actuals { get; init; } = 0.5;

    /// <summary>Longest wait for the server's counts to match what it acknowledged.</summary>
    public int SettleSeconds { get; init; } = 60;

    public int Seed { get; init; } = 42;

    /// <summary>Records per model and hourly bucket, with event times spread over the hour.</summary>
    public int PerHour { get; init; } = 600;

    /// <summary>Footprint: hourly buckets per series, the last whole hours before now.</summary>
    public int Hours { get; init; } = 24;

    /// <summary>Footprint: the server process whose memory is read from /proc.</summary>
    public int? ServerPid { get; init; }

    /// <summary>Footprint: seconds between the end check and the last reading of the server's memory.</summary>
    public int MemoryWaitSeconds { get; init; } = 30;

    /// <summary>Report: days in the window the drift report is asked for.</summary>
    public int Days { get; init; } = 30;

    /// <summary>Report: days before the window that the baseline is frozen from.</summary>
    public int ReferenceDays { get; init; } = 7;

    /// <summary>Report: whole days between the window's end and today's midnight (UTC).</summary>
    public int EndOffsetDays { get; init; } = 3;

    /// <summary>Report: timed drift requests per window, after the warm-up ones.</summary>
    public int Requests { get; init; } = 30;

    /// <summary>
    /// Rootcause: seconds between the counts matching and the first question, so that the store's own work after a bulk
    /// load (each grain's first roll-up and write of the days just sent) is over; 0 asks at once.
    /// </summary>
    public int IdleSeconds { get; init; }

    /// <summary>Late: predictions per model sent first, whose actuals are then sent late.</summary>
    public long Predictions { get; init; } = 1_000_000;

    /// <summary>Replay: records the baseline is frozen from, spread over the 4 weeks before production.</summary>
    public int ReferenceRecords { get; init; } = 20_000;

    /// <summary>Replay: production records, spread over <see cref="Weeks"/>.</summary>
    public int ProductionRecords { get; init; } = 60_000;

    /// <summary>Replay: weeks of production, each answered once.</summary>
    public int Weeks { get; init; } = 20;

    /// <summary>Detect: monitors on the node, of which one (each trial's own) fires.</summary>
    public int Monitors { get; init; } = 1_000;

    /// <summary>Detect: timed trials of batch acknowledged → firing alert on the SSE stream; 0 times ingest alone.</summary>
    public int Trials { get; init; } = 100;

    public static string Usage =>
        "usage: OrleansEval.LoadGenerator [--mode ingest|footprint|report|late|rootcause|replay|detect] [--url http://127.0.0.1:5080] [--grpc http://127.0.0.1:5081] [--key <API key>]\n" +
        "       [--batch 1000] [--concurrency 4] [--actuals 0.5 (share of records with an in-record actual)] [--settle 60] [--seed 42]\n" +
        "  ingest:    [--protocol http|grpc] [--models 1] [--features 20] [--duration 60] [--rate 0 (records/s, 0 = flat out)]\n" +
        "             [--query-every 0 (ms between timed performance queries during the load, 0 = none)]\n" +
        "  footprint: [--models 500] [--features 20] [--hours 24] [--per-hour 600] [--server-pid <pid>] [--memory-wait 30]\n" +
        "  report:    [--features 100] [--days 30] [--reference-days 7] [--end-offset 3 (days)] [--per-hour 100] [--requests 30]\n" +
        "  rootcause: [--features 100] [--days 30] [--reference-days 7] [--end-offset 3 (days)] [--per-hour 100] [--actuals 1] [--requests 30] [--idle 0 (s before the first question)]\n" +
        "  late:      [--models 1] [--predictions 1000000 (per model, sent without actuals; then every actual, oldest first, flat out)]\n" +
        "  replay:    [--reference-records 20000] [--production-records 60000] [--weeks 20] [--end-offset 3 (days)] [--concurrency 2]\n" +
        "  detect:    [--monitors 1000] [--trials 100 (0: ingest alone)] [--duration 30 (s of ingest after the trials)] [--batch 1000] [--concurrency 4]\n" +
        "overload: --mode ingest --concurrency 64 --rate 0 sends more than a node admits; its 429s are resent and the end check still holds";

    public static Options Parse(string[] args)
    {
        var mode = args.SkipWhile(a => a != "--mode").Skip(1).FirstOrDefault() ?? IngestMode;
        var options = mode switch
        {
            IngestMode => new Options(),
            FootprintMode => new Options { Mode = mode, Models = 500 },
            ReportMode => new Options { Mode = mode, Features = 100, PerHour = 100 },
            LateMode => new Options { Mode = mode, Actuals = 0 },
            RootCauseMode => new Options { Mode = mode, Features = 100, PerHour = 100, Actuals = 1 },
            ReplayMode => new Options { Mode = mode, Concurrency = 2 },
            DetectMode => new Options { Mode = mode, Duration = 30 },
            _ => throw new ArgumentException($"--mode: {IngestMode}, {FootprintMode}, {ReportMode}, {LateMode}, {RootCauseMode}, {ReplayMode} or {DetectMode}"),
        };

        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{name}: a value is missing");
            }

            var value = args[++i];
            options = name switch
            {
                "--mode" => options,
                "--url" => options with { Url = new Uri(value) },
                "--grpc" => options with { Grpc = new Uri(value) },
                "--key" => options with { Key = value },
                "--protocol" => value is "http" or "grpc" ? options with { Protocol = value } : throw new ArgumentException("--protocol: http or grpc"),
                "--models" => options with { Models = Positive(name, value) },
                "--features" => options with { Features = AtLeast(name, value, Workload.FeatureCount) },
                "--batch" => options with { Batch = Positive(name, value) },
                "--concurrency" => options with { Concurrency = Positive(name, value) },
                "--duration" => options with { Duration = Positive(name, value) },
                "--rate" => options with { Rate = NonNegative(name, value) },
                "--query-every" => options with { QueryEvery = AtLeast(name, value, 0) },
                "--actuals" => options with { Actuals = Math.Clamp(NonNegative(name, value), 0, 1) },
                "--settle" => options with { SettleSeconds = Positive(name, value) },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--per-hour" => options with { PerHour = Positive(name, value) },
                "--hours" => options with { Hours = Positive(name, value) },
                "--server-pid" => options with { ServerPid = Positive(name, value) },
                "--memory-wait" => options with { MemoryWaitSeconds = AtLeast(name, value, 0) },
                "--days" => options with { Days = Positive(name, value) },
                "--reference-days" => options with { ReferenceDays = Positive(name, value) },
                "--end-offset" => options with { EndOffsetDays = AtLeast(name, value, 0) },
                "--requests" => options with { Requests = Positive(name, value) },
                "--idle" => options with { IdleSeconds = AtLeast(name, value, 0) },
                "--predictions" => options with { Predictions = Positive(name, value) },
                "--reference-records" => options with { ReferenceRecords = Positive(name, value) },
                "--production-records" => options with { ProductionRecords = Positive(name, value) },
                "--weeks" => options with { Weeks = Positive(name, value) },
                "--monitors" => options with { Monitors = Positive(name, value) },
                "--trials" => options with { Trials = AtLeast(name, value, 0) },
                _ => throw new ArgumentException($"{name}: unknown option"),
            };
        }

        return options;
    }

    private static int Positive(string name, string value) => AtLeast(name, value, 1);

    private static int AtLeast(string name, string value, int minimum)
    {
        var number = int.Parse(value, CultureInfo.InvariantCulture);
        return number >= minimum ? number : throw new ArgumentException($"{name}: must be {minimum} or more");
    }

    private static double NonNegative(string name, string value)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return number >= 0 && double.IsFinite(number) ? number : throw new ArgumentException($"{name}: must be 0 or more");
    }
}
