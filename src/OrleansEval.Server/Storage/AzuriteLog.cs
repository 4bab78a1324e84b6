namespace OrleansEval.Server.Storage;

internal static partial class AzuriteLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Installing Azurite with npm in {PackageDirectory}")]
    public static partial void Installing(this ILogger logger, string packageDirectory);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Installed Azurite in {PackageDirectory} in {ElapsedSeconds:F1} s")]
    public static partial void Installed(this ILogger logger, string packageDirectory, double elapsedSeconds);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Storage already listens on blob port {BlobPort}: using it and not starting Azurite")]
    public static partial void Reusing(this ILogger logger, int blobPort);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Starting Azurite ({Persistence}) from {EntryScript}")]
    public static partial void Starting(this ILogger logger, string persistence, string entryScript);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Azurite (pid {ProcessId}) is ready on blob {BlobPort}, queue {QueuePort}, table {TablePort} after {ElapsedSeconds:F1} s")]
    public static partial void Started(this ILogger logger, int processId, int blobPort, int queuePort, int tablePort, double elapsedSeconds);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Stopping Azurite (pid {ProcessId})")]
    public static partial void Stopping(this ILogger logger, int processId);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Azurite (pid {ProcessId}) did not stop within {TimeoutSeconds} s of being asked to: killing it")]
    public static partial void StopTimedOut(this ILogger logger, int processId, double timeoutSeconds);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Azurite (pid {ProcessId}) stopped with exit code {ExitCode}")]
    public static partial void Stopped(this ILogger logger, int processId, int exitCode);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Killing Azurite (pid {ProcessId})")]
    public static partial void Killing(this ILogger logger, int processId);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Debug, Message = "Azurite: {Line}")]
    public static partial void Output(this ILogger logger, string line);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Azurite: {Line}")]
    public static partial void ErrorOutput(this ILogger logger, string line);
}
