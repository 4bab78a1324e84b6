namespace OrleansEval.Keys;

/// <summary>
/// The id of a batch in its model's ingest log: the kind of batch and the client's idempotency key
/// (<c>records:job-42</c>), or, when the client sent none, a random id in a form no key can take
/// (<c>records!3f2a…</c>, since '!' is outside <see cref="NameRules.IdempotencyKeyRule"/>). A batch without a key can
/// never be sent again under its id, so the log neither hashes its content nor remembers it once trimmed.
/// </summary>
public static class BatchKey
{
    private const char Keyed = ':';
    private const char Unkeyed = '!';

    /// <summary>The id of a batch of <paramref name="kind"/> sent under <paramref name="key"/>, or under none (null).</summary>
    public static string For(string kind, string? key) =>
        key is null ? $"{kind}{Unkeyed}{Guid.NewGuid():N}" : $"{kind}{Keyed}{key}";

    /// <summary>False for an id <see cref="For"/> made without a client's key; true for every other.</summary>
    public static bool HasClientKey(string batchId)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        return !batchId.Contains(Unkeyed, StringComparison.Ordinal);
    }
}
