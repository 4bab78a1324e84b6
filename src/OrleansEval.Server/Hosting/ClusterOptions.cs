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

    /// <summary>
    /// The address other silos and clients reach this silo at (an IP address or a host name). Empty: 127.0.0.1 in
    /// Development, otherwise the first address of this host's name — a container's or a machine's own address.
    /// </summary>
    public string? AdvertisedIP { get; set; }

    /// <summary>Listen on every interface rather than only on the advertised address (behind NAT, where the advertised address is not local).</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>
    /// Use Orleans' Kubernetes hosting (pod name, namespace and IP from the environment, silo pods of a deleted pod
    /// declared dead through the Kubernetes API). Off by default; on also when <c>POD_NAME</c>, <c>POD_NAMESPACE</c> and
    /// <c>POD_IP</c> are all set, as the manifests in infra/kubernetes set them.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>Localhost membership.</summary>
    public const string LocalhostMembership = "Localhost";

    /// <summary>Azure Table membership.</summary>
    public const string AzureTableMembership = "AzureTable";
}
