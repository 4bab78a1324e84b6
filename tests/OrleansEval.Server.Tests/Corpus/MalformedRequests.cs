using System.Text;

namespace OrleansEval.Server.Tests.Corpus;

/// <summary>
/// Generates the malformed-request corpus from a fixed seed, with no outside data: broken and truncated JSON, wrong
/// types, non-finite and huge numbers, deep nesting, invalid UTF-8, byte-order marks, duplicate keys, bad timestamps,
/// hostile names in every position, oversized headers and bodies (over HTTP/1.1), bad chunked encoding, short bodies,
/// garbage request lines (over a raw socket), and garbage gRPC messages and frames (over HTTP/2).
/// </summary>
internal static partial class MalformedRequests
{
    /// <summary>The corpus is the same on every run.</summary>
    public const int Seed = 20_240_501;

    /// <summary>Names that must never become part of a key.</summary>
    public static readonly string[] HostileNames =
    [
        ".", "..", "...", "a/b", "a\\b", "a\n", "a\r\n", "a\0b", "a\u0001", "a\u007f", "a\tb", "a b", "a:b", "a%2Fb", "",
        new string('x', 129), new string('y', 100_000), "ｍodel", "a\u2024b", "a\u2215b", "\u0430",
    ];

    /// <summary>Every case, in a fixed order.</summary>
    public static IReadOnlyList<CorpusCase> Generate(string modelId)
    {
        var random = new Random(Seed);
        return [.. JsonCases(modelId, random), .. QueryCases(modelId), .. RawCases(modelId), .. GrpcCases(modelId, random)];
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
