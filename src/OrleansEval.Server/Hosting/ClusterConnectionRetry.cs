namespace OrleansEval.Server.Hosting;

/// <summary>
/// Keeps a gateway trying to reach the cluster at start, every <see cref="Pause"/>, until a silo answers or the host
/// stops: gateways and silos are started together (infra/local-cluster.sh, a Deployment), and the gateway must not give
/// up while the first silo is still starting.
/// </summary>
internal sealed partial class ClusterConnectionRetry(ILogger<ClusterConnectionRetry> logger) : IClientConnectionRetryFilter
{
    /// <summary>The pause between two attempts.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        LogNoCluster(logger, attempt, exception.Message.Split('\n', 2)[0].Trim());
        try
        {
            await Task.Delay(Pause, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        return true;
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "No silo of the cluster answered (attempt {Attempt}): {Reason}; trying again")]
    private static partial void LogNoCluster(ILogger logger, int attempt, string reason);
}
