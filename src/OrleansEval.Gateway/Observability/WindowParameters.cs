namespace OrleansEval.Gateway.Observability;

/// <summary>The query parameters every windowed read takes: the series and the window, with their defaults.</summary>
internal static class WindowParameters
{
    public static QueryParameter Version { get; } = new("version", "The model version (default \"default\").", "v1");

    public static QueryParameter Environment { get; } = new("environment", "training, validation or production (default production).", "production");

    public static QueryParameter From { get; } = new("from", "Start of the window, inclusive: RFC 3339 with a time zone (default: a day before `to`).", "2013-07-01T00:00:00Z");

    public static QueryParameter To { get; } = new("to", "End of the window, exclusive: RFC 3339 with a time zone (default: now).", "2013-08-01T00:00:00Z");

    /// <summary>The version of a read over kept rows, which reads every version when none is named.</summary>
    public static QueryParameter AnyVersion { get; } = new("version", "The model version (default: every version).", "v1");

    /// <summary>The environment of a read over kept rows, which reads every environment when none is named.</summary>
    public static QueryParameter AnyEnvironment { get; } = new("environment", "training, validation, production or shadow (default: every environment).", "production");

    /// <summary>The four, in the order a read checks them.</summary>
    public static QueryParameter[] All { get; } = [Version, Environment, From, To];
}
