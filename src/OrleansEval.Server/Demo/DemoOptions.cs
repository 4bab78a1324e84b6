namespace OrleansEval.Server.Demo;

/// <summary>Whether and how the server replays the bundled weather scenario at start; bound from the "Demo" section.</summary>
public sealed class DemoOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Demo";

    /// <summary>Replay the scenario once the server listens, unless an earlier start finished replaying it.</summary>
    public bool Replay { get; set; }

    /// <summary>Id the demo model is registered under.</summary>
    public string ModelId { get; set; } = "wet-day";

    /// <summary>Folder of the scenario files; the copy next to the executable when empty.</summary>
    public string? DataDirectory { get; set; }
}
