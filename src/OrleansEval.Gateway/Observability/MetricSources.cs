namespace OrleansEval.Gateway.Observability;

/// <summary>
/// The meters <c>/metrics</c> exports: the store's own (gateway and grains), Orleans', ASP.NET Core's (request durations
/// by route, Kestrel connections) and the .NET runtime's.
/// </summary>
public static class MetricSources
{
    /// <summary>The gateway's meter: admission, body budget, ingest counts.</summary>
    public const string Gateway = "OrleansEval.Gateway";

    /// <summary>The grains' meter: persistence, alerts.</summary>
    public const string Grains = "OrleansEval.Grains";

    /// <summary>The server process's meter: the heap governor.</summary>
    public const string Server = "OrleansEval.Server";

    /// <summary>Every meter exported, by name.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Gateway,
        Grains,
        Server,
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Runtime",
    ];
}
