namespace OrleansEval.Gateway.Cluster;

/// <summary>The documented shape of GET /v1/cluster: every silo, the store's activations in all, and their spread.</summary>
internal sealed record ClusterAnswer(IReadOnlyList<SiloDescription> Silos, int Activations, ClusterSpread Spread);
