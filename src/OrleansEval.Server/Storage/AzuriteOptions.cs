using System.ComponentModel.DataAnnotations;

namespace OrleansEval.Server.Storage;

/// <summary>
/// How the development host runs the local Azurite storage emulator; bound from the "Azurite" section.
/// </summary>
internal sealed class AzuriteOptions
{
    public const string SectionName = "Azurite";

    /// <summary>The folder holding Azurite's package.json; found by walking up from the app when empty.</summary>
    public string? PackageDirectory { get; set; }

    /// <summary>Where Azurite keeps its data; <c>&lt;repository&gt;/.azurite</c> when empty.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// Whether a Development host starts (or reuses) the local Azurite; unset means yes for a process that hosts grains
    /// and no for a gateway-only one, which needs a storage account only to find the silos.
    /// </summary>
    public bool? Start { get; set; }

    /// <summary>Keeps the data in memory only, ignoring <see cref="DataDirectory"/>.</summary>
    public bool InMemory { get; set; }

    [Range(0, 65535)]
    public int BlobPort { get; set; } = 10000;

    [Range(0, 65535)]
    public int QueuePort { get; set; } = 10001;

    [Range(0, 65535)]
    public int TablePort { get; set; } = 10002;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StartupTimeout { get; set; } = AzuriteStartOptions.DefaultStartupTimeout;

    /// <summary>Runs <c>npm ci</c> in <see cref="PackageDirectory"/> when Azurite is not installed yet.</summary>
    public bool InstallIfMissing { get; set; } = true;
}
