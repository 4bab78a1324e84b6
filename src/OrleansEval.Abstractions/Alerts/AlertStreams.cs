namespace OrleansEval.Alerts;

/// <summary>Where alerts are published: one stream for the whole cluster that any gateway node subscribes to.</summary>
public static class AlertStreams
{
    /// <summary>Name of the stream provider the host configures (memory in tests, Azure Queue in the service).</summary>
    public const string Provider = "alerts";

    /// <summary>Namespace of the alert stream.</summary>
    public const string Namespace = "alerts";

    /// <summary>Key of the single cluster-wide alert stream.</summary>
    public const string Key = "all";
}
