using System.Collections.Concurrent;

namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>Counts every grain call the silos receive, by target grain id, so tests can check the fan-out.</summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private static readonly ConcurrentQueue<string> Calls = new();

    public static IReadOnlyList<string> Snapshot() => [.. Calls];

    public static void Clear() => Calls.Clear();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        // Only application grains: system targets and the runtime's own grains are not the fan-out under test.
        if (context.InterfaceName.StartsWith("OrleansEval.", StringComparison.Ordinal))
        {
            Calls.Enqueue($"{context.InterfaceName}/{context.TargetId}");
        }

        return context.Invoke();
    }
}
