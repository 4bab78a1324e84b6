using System.Text;
using OrleansEval.Sketches.Categories;

namespace OrleansEval.Sketches.Tests.Categories;

public class StableHashTests
{
    // FNV-1a 64 reference values (Fowler, Noll, Vo test vectors) for "", "a" and "foobar".
    [Theory]
    [InlineData("", 0xCBF29CE484222325UL)]
    [InlineData("a", 0xAF63DC4C8601EC8CUL)]
    [InlineData("foobar", 0x85944171F73967E8UL)]
    public void Hash64_KnownInputs_IsFnv1aFollowedByMurmurFinaliser(string input, ulong fnv1a)
    {
        Assert.Equal(MurmurFinaliser(fnv1a), StableHash.Hash64(input));
        Assert.Equal(MurmurFinaliser(fnv1a), StableHash.Hash64(Encoding.UTF8.GetBytes(input)));
    }

    [Fact]
    public void Hash64_LongAndNonAsciiStrings_HashTheirUtf8Bytes()
    {
        foreach (var value in new[] { "Grüße, 世界 😀", new string('é', 1000) })
        {
            Assert.Equal(StableHash.Hash64(Encoding.UTF8.GetBytes(value)), StableHash.Hash64(value));
        }
    }

    [Fact]
    public void Hash64_SequentialKeys_SpreadLeadingBitsEvenly()
    {
        var buckets = new int[16];
        for (var i = 0; i < 16_000; i++)
        {
            buckets[StableHash.Hash64($"key{i}") >> 60]++;
        }

        Assert.All(buckets, b => Assert.InRange(b, 850, 1150));
    }

    private static ulong MurmurFinaliser(ulong h)
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
