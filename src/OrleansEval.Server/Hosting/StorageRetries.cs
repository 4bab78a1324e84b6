using Azure.Core;
using Azure.Storage.Blobs;

namespace OrleansEval.Server.Hosting;

/// <summary>
/// How the blob client of grain state retries. The SDK's default — five retries from 0.8 s, doubling — holds a write to
/// a store that refuses connections for about 24 s before it fails, and a grain's timer write holds the grain all that
/// time, so ingest stalls silently instead of the fault being seen. Three retries from 0.5 s, at most 2 s apart, fail
/// such a write within about 4 s; the next tick tries again anyway. A store that answers but slowly keeps 20 s per try.
/// </summary>
public static class StorageRetries
{
    /// <summary>Retries of one storage operation after its first attempt.</summary>
    public const int MaxRetries = 3;

    /// <summary>Wait before the first retry; doubled for each next one, up to <see cref="MaxDelay"/>.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between two retries.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    /// <summary>Longest one attempt may take.</summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Blob client options with these retries.</summary>
    public static BlobClientOptions BlobOptions()
    {
        var options = new BlobClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Delay = Delay;
        options.Retry.MaxDelay = MaxDelay;
        options.Retry.NetworkTimeout = NetworkTimeout;
        return options;
    }
}
