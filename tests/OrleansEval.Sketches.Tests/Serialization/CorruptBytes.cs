using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Tests.Serialization;

/// <summary>
/// The checks every versioned format must pass: any truncation, a trailing byte, another type's tag or an unknown
/// version is a <see cref="FormatException"/>, and random corruption is either refused or yields bytes that round-trip.
/// </summary>
internal static class CorruptBytes
{
    /// <summary>Reads bytes and writes them again; throws for bytes it refuses.</summary>
    public delegate byte[] Reserialize(byte[] bytes);

    public static void EveryTruncationThrows(byte[] bytes, Reserialize reserialize)
    {
        for (var length = 0; length < bytes.Length; length++)
        {
            var truncated = bytes.AsSpan(0, length).ToArray();
            Assert.Throws<FormatException>(() => reserialize(truncated));
        }
    }

    public static void TrailingByteThrows(byte[] bytes, Reserialize reserialize) =>
        Assert.Throws<FormatException>(() => reserialize([.. bytes, 0]));

    public static void AnotherTagThrows(byte[] bytes, Reserialize reserialize, SketchKind one, SketchKind other)
    {
        var tagged = (byte[])bytes.Clone();
        tagged[0] = tagged[0] == (byte)one ? (byte)other : (byte)one;
        var ex = Assert.Throws<FormatException>(() => reserialize(tagged));
        Assert.Contains("type tag", ex.Message, StringComparison.Ordinal);
    }

    public static void UnknownVersionThrows(byte[] bytes, Reserialize reserialize)
    {
        var versioned = (byte[])bytes.Clone();
        foreach (var version in new byte[] { 0, 2, 255 })
        {
            versioned[1] = version;
            var ex = Assert.Throws<FormatException>(() => reserialize(versioned));
            Assert.Contains("version", ex.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Flips one to three random bytes 500 times: each result is refused (a <see cref="FormatException"/>, or an
    /// exception <paramref name="refused"/> accepts as a refusal) or round-trips. Returns how many were refused.
    /// </summary>
    public static int RandomCorruption(byte[] original, Reserialize reserialize, ulong seed, Func<Exception, bool>? refused = null)
    {
        var random = new DeterministicRandom(seed);
        var rejected = 0;
        for (var trial = 0; trial < 500; trial++)
        {
            var bytes = (byte[])original.Clone();
            var flips = 1 + random.NextInt(3);
            for (var f = 0; f < flips; f++)
            {
                bytes[random.NextInt(bytes.Length)] ^= (byte)(1 + random.NextInt(255));
            }

            try
            {
                // Whatever is accepted must be a usable state that round-trips.
                var reread = reserialize(bytes);
                Assert.Equal(reread, reserialize(reread));
            }
            catch (FormatException)
            {
                rejected++;
            }
            catch (Exception e) when (refused?.Invoke(e) == true)
            {
                rejected++;
            }
        }

        return rejected;
    }
}
