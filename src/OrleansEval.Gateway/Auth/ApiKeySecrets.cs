using System.Buffers.Text;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace OrleansEval.Gateway.Auth;

/// <summary>
/// Makes and checks key secrets. A key created through the API is <c>oe.&lt;id&gt;.&lt;secret&gt;</c>: a 12-hex-digit
/// id and 256 random bits (base64url). Storage keeps SHA-256(salt ‖ UTF-8 secret) with a 128-bit random salt; a slow
/// hash (PBKDF2) would add nothing, since a 256-bit random secret cannot be guessed.
/// </summary>
internal static class ApiKeySecrets
{
    /// <summary>Shortest secret accepted from configuration.</summary>
    public const int MinConfiguredLength = 32;

    private const string Prefix = "oe.";

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Token(string id, string secret) => $"{Prefix}{id}.{secret}";

    /// <summary>The id and secret of a token made by <see cref="Token"/>; false for any other token.</summary>
    public static bool TryParse(string token, out string id, out string secret)
    {
        id = secret = string.Empty;
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var dot = token.IndexOf('.', Prefix.Length);
        if (dot < 0)
        {
            return false;
        }

        id = token[Prefix.Length..dot];
        secret = token[(dot + 1)..];
        return id.Length > 0 && secret.Length > 0;
    }

    public static ImmutableArray<byte> NewSalt() => [.. RandomNumberGenerator.GetBytes(16)];

    public static ImmutableArray<byte> Hash(ImmutableArray<byte> salt, string secret)
    {
        var bytes = new byte[salt.Length + Encoding.UTF8.GetByteCount(secret)];
        salt.CopyTo(bytes);
        Encoding.UTF8.GetBytes(secret, bytes.AsSpan(salt.Length));
        return [.. SHA256.HashData(bytes)];
    }

    /// <summary>Whether <paramref name="secret"/> is the one hashed, compared in constant time.</summary>
    public static bool Matches(ImmutableArray<byte> salt, ImmutableArray<byte> hash, string secret) =>
        CryptographicOperations.FixedTimeEquals(Hash(salt, secret).AsSpan(), hash.AsSpan());
}
