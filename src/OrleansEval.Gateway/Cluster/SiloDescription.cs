namespace OrleansEval.Gateway.Cluster;

/// <summary>One silo of <c>GET /v1/cluster</c>.</summary>
/// <param name="Address">Orleans' silo address: IP, silo port and generation.</param>
/// <param name="Name">The silo's name.</param>
/// <param name="Host">The host it runs on.</param>
/// <param name="Status">Its membership status: <c>Active</c>, <c>Joining</c>, <c>ShuttingDown</c>, <c>Dead</c>…</param>
/// <param name="Activations">Activations of the store's own grains on it.</param>
/// <param name="AllActivations">Every activation on it, Orleans' own included.</param>
internal sealed record SiloDescription(string Address, string Name, string Host, string Status, int Activations, int AllActivations);
