using System.Buffers;
using System.Text;

namespace OrleansEval.Sketches.Categories;

/// <summary>
/// A fixed 64-bit hash of UTF-8 bytes, identical in every process and on every machine: FNV-1a 64 (offset basis
/// 0xCBF29CE484222325, prime 0x100000001B3) followed by the MurmurHash3 64-bit finaliser, which spreads FNV's weakly mixed
/// high bits so that the leading bits HyperLogLog uses are uniform. Not a cryptographic hash.
/// </summary>
public static class StableHash
{
    private const ulong FnvOffsetBasis = 0xCBF29CE484222325UL;
    private const ulong FnvPrime = 0x100000001B3UL;
    private const int StackLimit = 512;

    /// <summary>Hash of the given UTF-8 bytes.</summary>
    public static ulong Hash64(ReadOnlySpan<byte> utf8)
    {
        unchecked
        {
            var hash = FnvOffsetBasis;
            foreach (var b in utf8)
            {
                hash ^= b;
                hash *= FnvPrime;
            }

            return Finalize(hash);
        }
    }

    /// <summary>Hash of the UTF-8 encoding of <paramref name="value"/> (an unpaired surrogate encodes as U+FFFD).</summary>
    public static ulong Hash64(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (maxBytes <= StackLimit)
        {
            Span<byte> buffer = stackalloc byte[StackLimit];
            var written = Encoding.UTF8.GetBytes(value, buffer);
            return Hash64(buffer[..written]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            var written = Encoding.UTF8.GetBytes(value, rented);
            return Hash64(rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // MurmurHash3 fmix64 (Appleby): a bijection on 64 bits with full avalanche.
    private static ulong Finalize(ulong h)
    {
        unchecked
        {
            h ^= h >> 33;
            h *= 0xFF51AFD7ED558CCDUL;
            h ^= h >> 33;
            h *= 0xC4CEB9FE1A85EC53UL;
            h ^= h >> 33;
            return h;
        }
    }
}
