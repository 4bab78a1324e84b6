namespace OrleansEval.Server.Hosting;

/// <summary>
/// Settings of the Orleans dashboard (section <c>OrleansDashboard</c>): grain counts, silo load and call rates drawn by
/// Orleans itself, for operators. Off by default; on, it is served under <see cref="Path"/>, and with a
/// <see cref="Port"/> only on that port, bound to <see cref="Host"/> (loopback unless configured).
/// </summary>
public sealed class OrleansDashboardOptions
{
    /// <summary>Configuration section of these settings.</summary>
    public const string SectionName = "OrleansDashboard";

    /// <summary>Whether the dashboard is served at all.</summary>
    public bool Enabled { get; set; }

    /// <summary>Path the dashboard is served under.</summary>
    public string Path { get; set; } = "/orleans-dashboard";

    /// <summary>A port of its own for the dashboard (0: none, the dashboard answers on the API's addresses).</summary>
    public int Port { get; set; }

    /// <summary>The address the dashboard's own port listens on: an IP address, or <c>*</c> for every interface.</summary>
    public string Host { get; set; } = "127.0.0.1";
}
