namespace OrleansEval.Server.Tests.Faults;

/// <summary>
/// The fault tests start real processes (Azurite on disk and the server) and load them: they run alone, one at a time,
/// so that they neither slow each other nor the rest of the suite down to timeouts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultTestGroup
{
    public const string Name = "Faults";
}
