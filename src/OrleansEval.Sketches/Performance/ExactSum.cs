using System.Buffers.Binary;
using System.Numerics;
using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Performance;

/// <summary>
/// The exact sum of any number of finite doubles, held as a 2176-bit two's-complement integer in units of 2^-1074 (the
/// weight of the least significant bit of the smallest subnormal), in the manner of Kulisch's long accumulator.
/// </summary>
/// <remarks>
/// Every double is an integer multiple of 2^-1074 below 2^1024, so adding or subtracting one is exact and an addition is
/// undone bit for bit by the subtraction of the same value. The sum is therefore independent of the order of the
/// operations, merges are exactly associative and commutative, and the serialized form (the trimmed two's complement,
/// see <see cref="Write"/>) is canonical. There are 64 bits of headroom above the largest double, so up to 2^63 terms of
/// any size cannot overflow. <see cref="ToDouble"/> is correctly rounded (except for sums in the subnormal range).
/// </remarks>
internal sealed class ExactSum
{
    /// <summary>Number of 64-bit limbs: 2098 bits for the doubles, 64 of headroom, rounded up.</summary>
    public const int LimbCount = 34;

    /// <summary>Exponent of the unit: the value is the integer times 2^<see cref="UnitExponent"/>.</summary>
    public const int UnitExponent = -1074;

    private readonly ulong[] _limbs = new ulong[LimbCount];

    /// <summary>True when the sum is exactly zero.</summary>
    public bool IsZero => _limbs.AsSpan().IndexOfAnyExcept(0UL) < 0;

    /// <summary>True when the sum is negative.</summary>
    public bool IsNegative => _limbs[LimbCount - 1] >> 63 != 0;

    /// <summary>Adds a finite value exactly.</summary>
    public void Add(double value) => Accumulate(value, negate: false);

    /// <summary>Subtracts a finite value exactly.</summary>
    public void Subtract(double value) => Accumulate(value, negate: true);

    /// <summary>Adds another exact sum.</summary>
    public void Add(ExactSum other)
    {
        unchecked
        {
            ulong carry = 0;
            for (var i = 0; i < LimbCount; i++)
            {
                var a = _limbs[i];
                var sum = a + other._limbs[i];
                var carryOut = sum < a ? 1UL : 0UL;
                var withCarry = sum + carry;
                carryOut |= withCarry < sum ? 1UL : 0UL;
                _limbs[i] = withCarry;
                carry = carryOut;
            }
        }
    }

    /// <summary>Makes this sum equal to <paramref name="other"/>.</summary>
    public void CopyFrom(ExactSum other) => other._limbs.AsSpan().CopyTo(_limbs);

    /// <summary>Resets the sum to zero.</summary>
    public void Clear() => Array.Clear(_limbs);

    /// <summary>True when both hold the same sum.</summary>
    public bool ValueEquals(ExactSum other) => _limbs.AsSpan().SequenceEqual(other._limbs);

    /// <summary>The sum rounded to the nearest double (ties to even).</summary>
    public double ToDouble()
    {
        Span<ulong> magnitude = stackalloc ulong[LimbCount];
        var negative = Magnitude(magnitude);
        var top = magnitude.LastIndexOfAnyExcept(0UL);
        if (top < 0)
        {
            return 0;
        }

        double result;
        if (top == 0)
        {
            result = Math.ScaleB(magnitude[0], UnitExponent);
        }
        else
        {
            // The top two limbs hold at least 65 significant bits; a sticky bit stands for every lower one, so the one
            // rounding of the 128-bit conversion is the correct rounding of the whole sum.
            var head = new UInt128(magnitude[top], magnitude[top - 1]);
            if (magnitude[..(top - 1)].IndexOfAnyExcept(0UL) >= 0)
            {
                head |= UInt128.One;
            }

            result = Math.ScaleB((double)head, UnitExponent + (64 * (top - 1)));
        }

        return negative ? -result : result;
    }

    /// <summary>The sum as an integer number of units 2^<see cref="UnitExponent"/>.</summary>
    public BigInteger ToBigInteger()
    {
        Span<byte> bytes = stackalloc byte[LimbCount * sizeof(ulong)];
        for (var i = 0; i < LimbCount; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.Slice(i * sizeof(ulong), sizeof(ulong)), _limbs[i]);
        }

        return new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
    }

    /// <summary>
    /// Writes the canonical form: the number of limbs from the lowest non-zero one up to the highest one that is not a
    /// redundant sign extension, and the index of that lowest limb (both LEB128), then those limbs as little-endian 64-bit
    /// words. Zero is a single zero byte (no limbs).
    /// </summary>
    public void Write(SketchWriter writer)
    {
        var low = _limbs.AsSpan().IndexOfAnyExcept(0UL);
        if (low < 0)
        {
            writer.WriteVarUInt64(0);
            return;
        }

        var extension = IsNegative ? ulong.MaxValue : 0UL;
        var signBit = extension >> 63;
        var high = LimbCount - 1;
        while (high > low && _limbs[high] == extension && _limbs[high - 1] >> 63 == signBit)
        {
            high--;
        }

        writer.WriteVarUInt64((ulong)(high - low + 1));
        writer.WriteVarUInt64((ulong)low);
        for (var i = low; i <= high; i++)
        {
            writer.WriteUInt64(_limbs[i]);
        }
    }

    /// <summary>Reads the form written by <see cref="Write"/>, rejecting any non-canonical encoding.</summary>
    public static ExactSum Read(ref SketchReader reader, string what)
    {
        var sum = new ExactSum();
        var count = reader.ReadVarLength(LimbCount, $"the limb count of {what}");
        if (count == 0)
        {
            return sum;
        }

        var low = reader.ReadVarLength(LimbCount - count, $"the lowest limb of {what}");
        for (var i = 0; i < count; i++)
        {
            sum._limbs[low + i] = reader.ReadUInt64();
        }

        var high = low + count - 1;
        var extension = sum._limbs[high] >> 63 != 0 ? ulong.MaxValue : 0UL;
        if (sum._limbs[low] == 0 || (count > 1 && sum._limbs[high] == extension && sum._limbs[high - 1] >> 63 == extension >> 63))
        {
            throw reader.Corrupt($"{what} is not in canonical form");
        }

        sum._limbs.AsSpan(high + 1).Fill(extension);
        return sum;
    }

    private void Accumulate(double value, bool negate)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var biasedExponent = (int)((bits >> 52) & 0x7FF);
        if (biasedExponent == 0x7FF)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite values can be summed.");
        }

        var significand = bits & 0x000F_FFFF_FFFF_FFFFUL;
        if (biasedExponent != 0)
        {
            significand |= 1UL << 52;
        }

        if (significand == 0)
        {
            return;
        }

        // value = ±significand · 2^(position − 1074), position = max(biasedExponent − 1, 0).
        var position = Math.Max(biasedExponent - 1, 0);
        var index = position >> 6;
        var shift = position & 63;
        var low = significand << shift;
        var high = shift == 0 ? 0UL : significand >> (64 - shift);
        if (negate ^ (bits >> 63 != 0))
        {
            SubtractAt(index, low, high);
        }
        else
        {
            AddAt(index, low, high);
        }
    }

    private void AddAt(int index, ulong low, ulong high)
    {
        unchecked
        {
            var a = _limbs[index];
            var sum = a + low;
            var carry = sum < a ? 1UL : 0UL;
            _limbs[index] = sum;

            // high < 2^52, so high + carry cannot wrap.
            var addend = high + carry;
            a = _limbs[++index];
            sum = a + addend;
            carry = sum < a ? 1UL : 0UL;
            _limbs[index] = sum;
            while (carry != 0 && ++index < LimbCount)
            {
                sum = _limbs[index] + 1;
                _limbs[index] = sum;
                carry = sum == 0 ? 1UL : 0UL;
            }
        }
    }

    private void SubtractAt(int index, ulong low, ulong high)
    {
        unchecked
        {
            var a = _limbs[index];
            var borrow = a < low ? 1UL : 0UL;
            _limbs[index] = a - low;

            var subtrahend = high + borrow;
            a = _limbs[++index];
            borrow = a < subtrahend ? 1UL : 0UL;
            _limbs[index] = a - subtrahend;
            while (borrow != 0 && ++index < LimbCount)
            {
                a = _limbs[index];
                _limbs[index] = a - 1;
                borrow = a == 0 ? 1UL : 0UL;
            }
        }
    }

    /// <summary>Copies |sum| into <paramref name="magnitude"/> and returns whether the sum is negative.</summary>
    private bool Magnitude(Span<ulong> magnitude)
    {
        _limbs.AsSpan().CopyTo(magnitude);
        if (!IsNegative)
        {
            return false;
        }

        unchecked
        {
            var carry = 1UL;
            for (var i = 0; i < LimbCount; i++)
            {
                var negated = ~magnitude[i] + carry;
                carry = carry != 0 && negated == 0 ? 1UL : 0UL;
                magnitude[i] = negated;
            }
        }

        return true;
    }
}
