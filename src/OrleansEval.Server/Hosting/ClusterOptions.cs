namespace OrleansEval.Server.Hosting;

/// <summary>How this silo finds the cluster; bound from the "Cluster" section.</summary>
public sealed class ClusterOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Cluster";

    /// <summary>"Localhost" (a single development silo, default) or "AzureTable" (membership in Azure Table storage).</summary>
    public string Membership { get; set; } = LocalhostMembership;

    /// <summary>Identifies the deployment; silos with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>Identifies the service across deployments; part of every storage key.</summary>
    public string ServiceId { get; set; } = "orleans-eval";

    /// <summary>Silo-to-silo port (not Orleans' default, so a second Orleans app on the machine does not collide).</summary>
    public int SiloPort { get; set; } = 22111;

    /// <summary>Port for external Orleans clients.</summary>
    public int GatewayPort { get; set; } = 32000;

    /// <summary>Localhost membership.</summary>
    public const string LocalhostMembership = "Localhost";

    /// <summary>Azure Table membership.</summary>
    public const string AzureTableMembership = "AzureTable";
}
