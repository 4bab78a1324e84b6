using System.Globalization;

namespace OrleansEval.LoadGenerator;

/// <summary>The command line of the load generator.</summary>
internal sealed record Options
{
    public Uri Url { get; init; } = new("http://127.0.0.1:5080");

    public Uri Grpc { get; init; } = new("http://127.0.0.1:5081");

    public string Protocol { get; init; } = "http";

    public int Models { get; init; } = 1;

    public int Batch { get; init; } = 1000;

    public int Concurrency { get; init; } = 4;

    public int Duration { get; init; } = 60;

    /// <summary>Records per second over all workers; 0 is flat out.</summary>
    public double Rate { get; init; }

    /// <summary>Share of records that carry their actual.</summary>
    public double Actuals { get; init; } = 0.5;

    /// <summary>Longest wait for the server's counts to match what it acknowledged.</summary>
    public int SettleSeconds { get; init; } = 60;

    public int Seed { get; init; } = 42;

    public static string Usage =>
        "usage: OrleansEval.LoadGenerator [--url http://127.0.0.1:5080] [--grpc http://127.0.0.1:5081] [--protocol http|grpc]\n" +
        "       [--models 1] [--batch 1000] [--concurrency 4] [--duration 60] [--rate 0 (records/s, 0 = flat out)]\n" +
        "       [--actuals 0.5 (share of records with an in-record actual)] [--settle 60] [--seed 42]\n" +
        "overload: --concurrency 64 --rate 0 sends more than a node admits; its 429s are resent and the end check still holds";

    public static Options Parse(string[] args)
    {
        var options = new Options();
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
                "--url" => options with { Url = new Uri(value) },
                "--grpc" => options with { Grpc = new Uri(value) },
                "--protocol" => value is "http" or "grpc" ? options with { Protocol = value } : throw new ArgumentException("--protocol: http or grpc"),
                "--models" => options with { Models = Positive(name, value) },
                "--batch" => options with { Batch = Positive(name, value) },
                "--concurrency" => options with { Concurrency = Positive(name, value) },
                "--duration" => options with { Duration = Positive(name, value) },
                "--rate" => options with { Rate = NonNegative(name, value) },
                "--actuals" => options with { Actuals = Math.Clamp(NonNegative(name, value), 0, 1) },
                "--settle" => options with { SettleSeconds = Positive(name, value) },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"{name}: unknown option"),
            };
        }

        return options;
    }

    private static int Positive(string name, string value)
    {
        var number = int.Parse(value, CultureInfo.InvariantCulture);
        return number > 0 ? number : throw new ArgumentException($"{name}: must be positive");
    }

    private static double NonNegative(string name, string value)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return number >= 0 && double.IsFinite(number) ? number : throw new ArgumentException($"{name}: must be 0 or more");
    }
}
