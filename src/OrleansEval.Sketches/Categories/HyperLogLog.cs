using System.Numerics;
using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Categories;

/// <summary>
/// HyperLogLog distinct-count estimator (Flajolet, Fusy, Gandouet, Meunier, "HyperLogLog: the analysis of a near-optimal
/// cardinality estimation algorithm", 2007) over <see cref="StableHash"/>: 2^p one-byte registers, standard error about
/// 1.04/√(2^p) (1.6% at the default p = 12), with the paper's small-range (linear counting) correction. The hash has 64
/// bits, so the paper's large-range correction for 32-bit hashes is not needed.
/// </summary>
/// <remarks>
/// The top p bits of a hash choose a register; the register keeps the largest position of the first 1-bit among the
/// remaining 64 − p bits. Merge takes register-wise maxima and is associative, commutative and idempotent; sketches of
/// different precision merge at the lower one, folded exactly. Binary format, version 1: type tag 0x04, version 1,
/// precision p (one byte, 4..18), then the 2^p registers, one byte each.
/// </remarks>
public sealed class HyperLogLog
{
    /// <summary>Default precision p: 4,096 registers.</summary>
    public const int DefaultPrecision = 12;

    /// <summary>Smallest accepted precision.</summary>
    public const int MinimumPrecision = 4;

    /// <summary>Largest accepted precision.</summary>
    public const int MaximumPrecision = 18;

    /// <summary>Newest binary format version this build writes and reads.</summary>
    public const byte FormatVersion = 1;

    private const string TypeName = "HyperLogLog";

    private byte[] _registers;

    /// <summary>Creates an empty estimator with 2^<paramref name="precision"/> registers.</summary>
    public HyperLogLog(int precision = DefaultPrecision)
    {
        if (precision is < MinimumPrecision or > MaximumPrecision)
        {
            throw new ArgumentOutOfRangeException(
                nameof(precision), precision, $"The precision must be between {MinimumPrecision} and {MaximumPrecision}.");
        }

        Precision = precision;
        _registers = new byte[1 << precision];
    }

    /// <summary>Number of index bits p; a merge with a lower-precision estimator lowers it.</summary>
    public int Precision { get; private set; }

    /// <summary>Number of registers, 2^<see cref="Precision"/>.</summary>
    public int RegisterCount => _registers.Length;

    /// <summary>Relative standard error of <see cref="Estimate"/>: 1.04/√(2^p).</summary>
    public double StandardError => 1.04 / Math.Sqrt(_registers.Length);

    /// <summary>True when nothing has been added.</summary>
    public bool IsEmpty => !_registers.AsSpan().ContainsAnyExcept((byte)0);

    /// <summary>The registers, for inspection.</summary>
    public ReadOnlySpan<byte> Registers => _registers;

    /// <summary>Adds a string by the <see cref="StableHash"/> of its UTF-8 bytes.</summary>
    public void Add(string value) => AddHash(StableHash.Hash64(value));

    /// <summary>Adds an item by its UTF-8 bytes.</summary>
    public void Add(ReadOnlySpan<byte> utf8) => AddHash(StableHash.Hash64(utf8));

    /// <summary>Adds an item by a uniformly distributed 64-bit hash of it.</summary>
    public void AddHash(ulong hash)
    {
        var index = (int)(hash >> (64 - Precision));
        var rest = hash << Precision;
        var rho = rest == 0 ? 64 - Precision + 1 : BitOperations.LeadingZeroCount(rest) + 1;
        if (rho > _registers[index])
        {
            _registers[index] = (byte)rho;
        }
    }

    /// <summary>
    /// Estimated number of distinct items: α·m²/Σ2^(−M[j]), replaced by linear counting m·ln(m/V) when that raw estimate is at
    /// most 2.5m and V registers are still zero.
    /// </summary>
    public double Estimate()
    {
        var m = _registers.Length;
        double sum = 0;
        var zeros = 0;
        foreach (var register in _registers)
        {
            sum += Math.ScaleB(1.0, -register);
            if (register == 0)
            {
                zeros++;
            }
        }

        var raw = Alpha(m) * m * m / sum;
        return raw <= 2.5 * m && zeros > 0 ? m * Math.Log((double)m / zeros) : raw;
    }

    /// <summary>
    /// Adds everything <paramref name="other"/> has seen (register-wise maximum); <paramref name="other"/> is left unchanged.
    /// When the precisions differ the result has the lower one.
    /// </summary>
    public void Merge(HyperLogLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Precision < Precision)
        {
            var folded = ReducePrecision(other.Precision);
            _registers = folded._registers;
            Precision = folded.Precision;
        }

        var source = other.Precision > Precision ? other.ReducePrecision(Precision)._registers : other._registers;
        for (var i = 0; i < _registers.Length; i++)
        {
            if (source[i] > _registers[i])
            {
                _registers[i] = source[i];
            }
        }
    }

    /// <summary>
    /// The estimator this one would be had it been built with the lower <paramref name="precision"/>: exact, because a
    /// register's dropped index bits are the leading bits of the remainder at the lower precision.
    /// </summary>
    public HyperLogLog ReducePrecision(int precision)
    {
        if (precision < MinimumPrecision || precision > Precision)
        {
            throw new ArgumentOutOfRangeException(
                nameof(precision), precision, $"The precision must be between {MinimumPrecision} and the current {Precision}.");
        }

        var result = new HyperLogLog(precision);
        var shift = Precision - precision;
        var lowMask = (1 << shift) - 1;
        for (var i = 0; i < _registers.Length; i++)
        {
            var register = _registers[i];
            if (register == 0)
            {
                continue;
            }

            var dropped = i & lowMask;

            // Position of the first 1-bit within the dropped bits, or past them when they are all zero.
            var rho = dropped != 0 ? shift - (32 - BitOperations.LeadingZeroCount((uint)dropped)) + 1 : shift + register;
            var target = i >> shift;
            if (rho > result._registers[target])
            {
                result._registers[target] = (byte)rho;
            }
        }

        return result;
    }

    /// <summary>An independent copy.</summary>
    public HyperLogLog Clone()
    {
        var copy = new HyperLogLog(Precision);
        _registers.CopyTo(copy._registers, 0);
        return copy;
    }

    /// <summary>Serializes in the version 1 format described on the type: 3 + 2^p bytes.</summary>
    public byte[] Serialize()
    {
        var writer = new SketchWriter(SketchKind.HyperLogLog, FormatVersion, 3 + _registers.Length);
        writer.WriteByte((byte)Precision);
        writer.WriteBytes(_registers);
        return writer.ToArray();
    }

    /// <summary>Reads an estimator written by <see cref="Serialize"/>.</summary>
    /// <exception cref="FormatException">The bytes are not a well-formed HyperLogLog of a supported version.</exception>
    public static HyperLogLog Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = SketchReader.Open(data, SketchKind.HyperLogLog, FormatVersion, TypeName);
        int precision = reader.ReadByte();
        if (precision is < MinimumPrecision or > MaximumPrecision)
        {
            throw reader.Corrupt($"precision {precision} is outside {MinimumPrecision}..{MaximumPrecision}");
        }

        var registers = reader.ReadBytes(1 << precision);
        reader.EnsureEnd();
        var maxRegister = 64 - precision + 1;
        if (registers.ContainsAnyExceptInRange((byte)0, (byte)maxRegister))
        {
            throw reader.Corrupt($"a register exceeds {maxRegister}");
        }

        var result = new HyperLogLog(precision);
        registers.CopyTo(result._registers);
        return result;
    }

    private static double Alpha(int m) => m switch
    {
        16 => 0.673,
        32 => 0.697,
        64 => 0.709,
        _ => 0.7213 / (1 + (1.079 / m)),
    };
}
