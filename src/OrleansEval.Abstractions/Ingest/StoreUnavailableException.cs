namespace OrleansEval.Ingest;

/// <summary>
/// Storage refused a write or could not be reached, so nothing of the request was acknowledged: the gateway answers
/// 503 with Retry-After (gRPC UNAVAILABLE with a retry-after trailer), and the client resends under the same
/// idempotency key.
/// </summary>
[GenerateSerializer]
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Storage could not be used.</summary>
    public StoreUnavailableException()
    {
    }

    /// <summary>Storage could not be used, for the reason given.</summary>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Storage could not be used, for the reason given, because of <paramref name="innerException"/>.</summary>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
