using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Performance;

/// <content>
/// Binary format, version 1, little-endian; "varint" is unsigned LEB128 in its shortest form:
/// <code>
/// offset  size  field
///      0     1  type tag 0x12 (SketchKind.RegressionPerformance)
///      1     1  format version 1
///      2     1  flags: bit 0 set once the absolute errors are sketched; other bits zero
///      3     4  cap on distinct absolute errors (int32)
///      7     …  count (varint)
///      …     …  Σ|e|, Σe, Σe², Σ|e|/max(|y|, ε), Σy, Σy², each an exact sum: limb count n and lowest limb index
///               (varints), then n little-endian 64-bit limbs of the trimmed two's complement in units of 2^-1074
///      …     …  exact: number of distinct |e| (varint), then ascending entries of |e| (double) and count (varint);
///               sketched: zero count and number of buckets (varints), then ascending entries of bucket index (int32)
///               and count (varint)
/// </code>
/// Every field is exact and canonical, so equal states give equal bytes.
/// </content>
public sealed partial class RegressionPerformanceState
{
    /// <summary>Newest binary format version this build writes and reads.</summary>
    public const byte FormatVersion = 1;

    private const string TypeName = "regression performance state";

    /// <summary>Serializes the state in the version 1 format.</summary>
    public byte[] Serialize()
    {
        var writer = new SketchWriter(SketchKind.RegressionPerformance, FormatVersion, 256 + (_absoluteErrors.DistinctValues * 10));
        writer.WriteByte(IsExact ? (byte)0 : (byte)1);
        writer.WriteInt32(MaxDistinctErrors);
        writer.WriteVarCount(_count);
        _absoluteErrorSum.Write(writer);
        _errorSum.Write(writer);
        _squaredErrorSum.Write(writer);
        _percentageErrorSum.Write(writer);
        _truthSum.Write(writer);
        _truthSquareSum.Write(writer);
        _absoluteErrors.Write(writer);
        return writer.ToArray();
    }

    /// <summary>Reads a state written by <see cref="Serialize"/>.</summary>
    /// <exception cref="FormatException">The bytes are not a well-formed regression performance state of a supported version.</exception>
    public static RegressionPerformanceState Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = SketchReader.Open(data, SketchKind.RegressionPerformance, FormatVersion, TypeName);
        var flags = reader.ReadByte();
        var cap = reader.ReadInt32();
        if (flags > 1)
        {
            throw reader.Corrupt($"unknown flags 0x{flags:X2}");
        }

        if (cap is < MinimumMaxDistinctErrors or > MaximumMaxDistinctErrors)
        {
            throw reader.Corrupt($"cap {cap} is outside {MinimumMaxDistinctErrors}..{MaximumMaxDistinctErrors}");
        }

        var state = new RegressionPerformanceState(cap) { _count = reader.ReadVarCount() };
        state._absoluteErrorSum.CopyFrom(ExactSum.Read(ref reader, "the sum of absolute errors"));
        state._errorSum.CopyFrom(ExactSum.Read(ref reader, "the sum of errors"));
        state._squaredErrorSum.CopyFrom(ExactSum.Read(ref reader, "the sum of squared errors"));
        state._percentageErrorSum.CopyFrom(ExactSum.Read(ref reader, "the sum of percentage errors"));
        state._truthSum.CopyFrom(ExactSum.Read(ref reader, "the sum of actuals"));
        state._truthSquareSum.CopyFrom(ExactSum.Read(ref reader, "the sum of squared actuals"));
        state._absoluteErrors.CopyFrom(AbsoluteErrorDistribution.Read(ref reader, cap, isExact: flags == 0));
        reader.EnsureEnd();

        if (state._absoluteErrors.Count != state._count)
        {
            throw reader.Corrupt($"the absolute errors hold {state._absoluteErrors.Count} rows but the count is {state._count}");
        }

        if (state._absoluteErrorSum.IsNegative || state._squaredErrorSum.IsNegative || state._percentageErrorSum.IsNegative
            || state._truthSquareSum.IsNegative)
        {
            throw reader.Corrupt("a sum of non-negative terms is negative");
        }

        if (state._count == 0 && !(state._absoluteErrorSum.IsZero && state._errorSum.IsZero && state._squaredErrorSum.IsZero
            && state._percentageErrorSum.IsZero && state._truthSum.IsZero && state._truthSquareSum.IsZero))
        {
            throw reader.Corrupt("an empty state carries sums");
        }

        return state;
    }
}
