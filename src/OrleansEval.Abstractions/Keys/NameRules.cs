using System.Buffers;

namespace OrleansEval.Keys;

/// <summary>
/// The one rule every name that becomes part of a grain key or storage name follows, checked before anything reaches
/// a grain or storage: a closed ASCII alphabet without separators ('/', '\'), spaces or control characters, anchored
/// at the very end of the text, and never '.' or '..' (or any run of dots), which a blob path would resolve away.
/// Keys join names with '/', '#' or ':', none of which a name may hold, so no name can change another's prefix.
/// </summary>
public static class NameRules
{
    /// <summary>Longest model id.</summary>
    public const int MaxModelIdLength = 64;

    /// <summary>Longest version, feature, tag, baseline, slice or monitor name.</summary>
    public const int MaxNameLength = 128;

    /// <summary>Longest idempotency key.</summary>
    public const int MaxIdempotencyKeyLength = 128;

    /// <summary>The rule of model ids.</summary>
    public const string ModelIdRule = "1 to 64 characters from A-Z, a-z, 0-9, '.', '_' and '-', not made of dots only";

    /// <summary>The rule of version, feature, tag, baseline, slice and monitor names.</summary>
    public const string NameRule = "1 to 128 characters from A-Z, a-z, 0-9, '.', '_' and '-', not made of dots only";

    /// <summary>
    /// The rule of idempotency keys: the name alphabet and ':', '@', '+', '=' and '~', so that composed keys
    /// ("job:42:part:3"), e-mail-like owners and base64url or padded ids fit; still no separators, spaces or controls.
    /// </summary>
    public const string IdempotencyKeyRule =
        "1 to 128 characters from A-Z, a-z, 0-9, '.', '_', '-', ':', '@', '+', '=' and '~', not made of dots only";

    /// <summary>Environments a record may name.</summary>
    public static readonly IReadOnlyList<string> Environments = ["training", "validation", "production", "shadow"];

    // Checked on every feature and tag name of every record: a scan of the characters, not a regular expression.
    private static readonly SearchValues<char> NameAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    private static readonly SearchValues<char> IdempotencyKeyAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-:@+=~");

    /// <summary>The rule of <paramref name="kind"/>, as error details quote it.</summary>
    public static string RuleOf(NameKind kind) => kind switch
    {
        NameKind.Model => ModelIdRule,
        NameKind.Name => NameRule,
        NameKind.IdempotencyKey => IdempotencyKeyRule,
        _ => $"one of {string.Join(", ", Environments)}",
    };

    /// <summary>True when <paramref name="value"/> is a valid name of <paramref name="kind"/>.</summary>
    public static bool IsValid(NameKind kind, string? value) => value is not null && kind switch
    {
        NameKind.Model => Follows(value, MaxModelIdLength, NameAlphabet),
        NameKind.Name => Follows(value, MaxNameLength, NameAlphabet),
        NameKind.IdempotencyKey => Follows(value, MaxIdempotencyKeyLength, IdempotencyKeyAlphabet),
        _ => Environments.Contains(value, StringComparer.Ordinal),
    };

    /// <summary>
    /// Null when <paramref name="value"/> is a valid name of <paramref name="kind"/>; otherwise the rule it breaks,
    /// quoting at most <see cref="Quoting.MaxQuoted"/> characters of it: <c>'a/b' must be 1 to 128 characters …</c>.
    /// </summary>
    public static string? Check(NameKind kind, string? value) =>
        IsValid(kind, value) ? null : value is null ? $"is required: {RuleOf(kind)}" : $"{Quoting.Quote(value)} must be {RuleOf(kind)}";

    /// <summary>True when <paramref name="modelId"/> follows <see cref="ModelIdRule"/>.</summary>
    public static bool IsValidModelId(string? modelId) => IsValid(NameKind.Model, modelId);

    /// <summary>True when <paramref name="name"/> follows <see cref="NameRule"/>.</summary>
    public static bool IsValidName(string? name) => IsValid(NameKind.Name, name);

    /// <summary>True when <paramref name="environment"/> is one of <see cref="Environments"/>.</summary>
    public static bool IsValidEnvironment(string? environment) => IsValid(NameKind.Environment, environment);

    // The whole text, to its last character (a final newline included), from the alphabet, and not dots only.
    private static bool Follows(string value, int maxLength, SearchValues<char> alphabet) =>
        value.Length > 0 && value.Length <= maxLength && !value.AsSpan().ContainsAnyExcept(alphabet) && !IsDots(value);

    private static bool IsDots(string value) => value.AsSpan().IndexOfAnyExcept('.') < 0;
}
