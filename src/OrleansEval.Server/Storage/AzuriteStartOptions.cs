namespace OrleansEval.Server.Storage;

/// <summary>
/// One start of Azurite: its ports (0 lets Azurite pick free ones) and where it keeps data
/// (<see langword="null"/> keeps it in memory).
/// </summary>
internal sealed record AzuriteStartOptions
{
    public static readonly TimeSpan DefaultStartupTimeout = TimeSpan.FromSeconds(60);

    public int BlobPort { get; init; }

    public int QueuePort { get; init; }

    public int TablePort { get; init; }

    /// <summary>Passed as <c>--location</c> (and created); <see langword="null"/> means <c>--inMemoryPersistence</c>.</summary>
    public string? DataDirectory { get; init; }

    public TimeSpan StartupTimeout { get; init; } = DefaultStartupTimeout;

    internal void Validate()
    {
        ValidatePort(BlobPort, nameof(BlobPort));
        ValidatePort(QueuePort, nameof(QueuePort));
        ValidatePort(TablePort, nameof(TablePort));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StartupTimeout, TimeSpan.Zero);
    }

    private static void ValidatePort(int port, string name)
    {
        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(name, port, "A port is between 0 (any free port) and 65535.");
        }
    }
}
