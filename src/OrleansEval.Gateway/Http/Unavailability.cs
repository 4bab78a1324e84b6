using Microsoft.Extensions.Logging;
using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Http;

/// <summary>
/// The failures of a grain call that mean the service cannot take a request now, not that the request is wrong: storage
/// refused a write or a read (nothing acknowledged), or the cluster did not answer (the request may or may not have been
/// applied). HTTP and gRPC answer both with 503 / UNAVAILABLE and a retry-after, and the same words.
/// </summary>
internal static partial class Unavailability
{
    /// <summary>Seconds a client is asked to wait before it sends the request again.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>What a client is told when storage is unavailable.</summary>
    public const string StoreDetail =
        "storage is unavailable: nothing of this request was acknowledged; send it again after Retry-After with the same Idempotency-Key";

    /// <summary>What a client is told when the cluster did not answer.</summary>
    public const string ClusterDetail =
        "the cluster did not answer in time; the request may or may not have been applied: send it again with the same Idempotency-Key";

    /// <summary>The detail to answer <paramref name="exception"/> with, or null when it is not an unavailability.</summary>
    public static string? DetailFor(Exception exception) =>
        IsStoreUnavailable(exception) ? StoreDetail
        : exception is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException ? ClusterDetail
        : null;

    /// <summary>Logs that <paramref name="request"/> was answered unavailable because of <paramref name="exception"/>.</summary>
    public static void Log(ILogger logger, string request, Exception exception) =>
        LogUnavailable(logger, request, exception.GetType().Name, exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Answered {Request} unavailable (503 / UNAVAILABLE): {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string request, string reason, Exception exception);

    // The Azure SDK's failure of a storage request (after its retries), named rather than referenced: the gateway does
    // not depend on the storage the host chose.
    private const string StorageRequestFailed = "Azure.RequestFailedException";

    // Orleans rethrows a grain's exception as itself; an ingest that awaited several grains at once may wrap it, and
    // Orleans wraps a storage provider's failure to read a grain's state at activation in an OrleansException.
    private static bool IsStoreUnavailable(Exception exception) =>
        exception is StoreUnavailableException
        || IsStorageRequestFailure(exception.GetType())
        || (exception is AggregateException aggregate && aggregate.InnerExceptions.Any(IsStoreUnavailable))
        || (exception.InnerException is { } inner && IsStoreUnavailable(inner));

    private static bool IsStorageRequestFailure(Type? type) =>
        type is not null && (type.FullName == StorageRequestFailed || IsStorageRequestFailure(type.BaseType));
}
