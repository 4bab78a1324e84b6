namespace OrleansEval.Server.Tests.Observability;

/// <summary>
/// Tests that read process-wide counters: run alone, after the parallel collections, since every server in the test
/// process feeds the same named meters and a test in parallel would move them too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsTestGroup
{
    public const string Name = "Metrics";
}
