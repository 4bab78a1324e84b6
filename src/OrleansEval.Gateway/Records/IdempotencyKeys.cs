using OrleansEval.Keys;

namespace OrleansEval.Gateway.Records;

/// <summary>
/// The batch ids idempotency keys become, the same over HTTP and gRPC: one key space per kind of batch, so a key means
/// the same records batch on both protocols and never an actuals batch; a request without a key gets a random id that
/// no key can take (<see cref="BatchKey"/>).
/// </summary>
internal static class IdempotencyKeys
{
    /// <summary>The kind of a batch of prediction records.</summary>
    public const string Records = "records";

    /// <summary>The kind of a batch of late actuals.</summary>
    public const string Actuals = "actuals";

    /// <summary>What the ingest log receives as batch id for <paramref name="key"/> (null: none sent) of <paramref name="kind"/>.</summary>
    public static string BatchId(string kind, string? key) => BatchKey.For(kind, key);

    /// <summary>What a 409 says about a key that names another batch.</summary>
    public const string ConflictRule = "already names a batch with different content; send new content under a new key";
}
