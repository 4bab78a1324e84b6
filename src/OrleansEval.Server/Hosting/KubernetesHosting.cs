namespace OrleansEval.Server.Hosting;

/// <summary>When a silo uses Orleans' Kubernetes hosting: <see cref="ClusterOptions.Kubernetes"/>, or a pod's environment.</summary>
public static class KubernetesHosting
{
    /// <summary>The variables the manifests set from the pod (the downward API) and Orleans' Kubernetes hosting reads.</summary>
    public static readonly IReadOnlyList<string> PodVariables = ["POD_NAME", "POD_NAMESPACE", "POD_IP"];

    /// <summary>The variables Orleans' Kubernetes hosting reads the cluster's service and cluster ids from (the manifests set them from the pod's labels).</summary>
    public static readonly IReadOnlyList<string> ClusterVariables = ["ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID"];

    /// <summary>Whether the silo runs in a Kubernetes pod that Orleans should manage.</summary>
    public static bool IsEnabled(ClusterOptions cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Kubernetes || PodVariables.All(name => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)));
    }
}
