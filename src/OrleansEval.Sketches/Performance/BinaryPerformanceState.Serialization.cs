using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Performance;

/// <content>
/// Binary format, version 1, little-endian; "varint" is unsigned LEB128 in its shortest form:
/// <code>
/// offset  size  field
///      0     1  type tag 0x10 (SketchKind.BinaryPerformance)
///      1     1  format version 1
///      2     1  flags: bit 0 set once coarse; other bits zero
///      3     1  grid resolution j, 0..52 (0 while exact)
///      4     4  cap on distinct scores per class (int32)
///      8     …  tp, fp, tn, fn (varints)
///      …     …  for each of the 10 calibration bins: count, positives, score sum in units of 2^-62 (varints)
///      …     …  squared-error sum in units of 2^-62, log-loss sum in units of 2^-56 (varints, up to 127 bits)
///      …     …  positive class, then negative class: number of distinct scores (varint), then ascending entries of
///               score and count (varint); the score is a double while exact and the cell index ⌊2^j·s⌋ (varint) once coarse
/// </code>
/// Everything is an integer or an exact key, so equal states give equal bytes.
/// </content>
public sealed partial class BinaryPerformanceState
{
    /// <summary>Newest binary format version this build writes and reads.</summary>
    public const byte FormatVersion = 1;

    private const string TypeName = "binary performance state";

    /// <summary>Serializes the state in the version 1 format: about 40 bytes plus 9 to 17 per distinct score while exact, 2 to 17 per cell once coarse.</summary>
    public byte[] Serialize()
    {
        var writer = new SketchWriter(SketchKind.BinaryPerformance, FormatVersion, 128 + ((_positiveScores.Size + _negativeScores.Size) * 12));
        writer.WriteByte(IsExact ? (byte)0 : (byte)1);
        writer.WriteByte(IsExact ? (byte)0 : (byte)_resolution);
        writer.WriteInt32(MaxDistinctScores);
        writer.WriteVarCount(_truePositives);
        writer.WriteVarCount(_falsePositives);
        writer.WriteVarCount(_trueNegatives);
        writer.WriteVarCount(_falseNegatives);
        for (var i = 0; i < CalibrationBinCount; i++)
        {
            writer.WriteVarCount(_binCounts[i]);
            writer.WriteVarCount(_binPositives[i]);
            PerformanceFormat.WriteVarInt128(writer, _binScoreSums[i]);
        }

        PerformanceFormat.WriteVarInt128(writer, _squaredErrorSum);
        PerformanceFormat.WriteVarInt128(writer, _logLossSum);
        WriteScores(writer, _positiveScores);
        WriteScores(writer, _negativeScores);
        return writer.ToArray();
    }

    /// <summary>Reads a state written by <see cref="Serialize"/>.</summary>
    /// <exception cref="FormatException">The bytes are not a well-formed binary performance state of a supported version.</exception>
    public static BinaryPerformanceState Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = SketchReader.Open(data, SketchKind.BinaryPerformance, FormatVersion, TypeName);
        var flags = reader.ReadByte();
        int resolution = reader.ReadByte();
        var cap = reader.ReadInt32();
        if (flags > 1)
        {
            throw reader.Corrupt($"unknown flags 0x{flags:X2}");
        }

        if (flags == 0 ? resolution != 0 : resolution > MaxResolution)
        {
            throw reader.Corrupt($"resolution {resolution} is invalid");
        }

        if (cap is < MinimumMaxDistinctScores or > MaximumMaxDistinctScores)
        {
            throw reader.Corrupt($"cap {cap} is outside {MinimumMaxDistinctScores}..{MaximumMaxDistinctScores}");
        }

        var state = new BinaryPerformanceState(cap);
        if (flags == 1)
        {
            state.SetResolution(resolution);
        }

        state._truePositives = reader.ReadVarCount();
        state._falsePositives = reader.ReadVarCount();
        state._trueNegatives = reader.ReadVarCount();
        state._falseNegatives = reader.ReadVarCount();
        try
        {
            _ = checked(state._truePositives + state._falsePositives + state._trueNegatives + state._falseNegatives);
        }
        catch (OverflowException)
        {
            throw reader.Corrupt("the confusion counts overflow");
        }

        long scored = 0;
        long scoredPositives = 0;
        for (var i = 0; i < CalibrationBinCount; i++)
        {
            var count = reader.ReadVarCount();
            var positives = reader.ReadVarCount();
            var sum = PerformanceFormat.ReadVarInt128(ref reader, "a bin's score sum");
            if (positives > count || sum > (Int128)count * (long)ScoreScale || long.MaxValue - scored < count)
            {
                throw reader.Corrupt($"calibration bin {i} is inconsistent");
            }

            state._binCounts[i] = count;
            state._binPositives[i] = positives;
            state._binScoreSums[i] = sum;
            scored += count;
            scoredPositives += positives;
        }

        state._squaredErrorSum = PerformanceFormat.ReadVarInt128(ref reader, "the squared-error sum");
        state._logLossSum = PerformanceFormat.ReadVarInt128(ref reader, "the log-loss sum");
        if (state._squaredErrorSum > (Int128)scored * (long)ScoreScale || state._logLossSum > (Int128)scored * MaxLogLossUnits)
        {
            throw reader.Corrupt("a sum exceeds its largest possible value");
        }

        state.ReadScores(ref reader, state._positiveScores, "positive");
        state.ReadScores(ref reader, state._negativeScores, "negative");
        reader.EnsureEnd();

        if (state._positiveScores.Total != scoredPositives || state._negativeScores.Total != scored - scoredPositives)
        {
            throw reader.Corrupt("the score counts disagree with the calibration bins");
        }

        if (scoredPositives > state._truePositives + state._falseNegatives
            || scored - scoredPositives > state._trueNegatives + state._falsePositives)
        {
            throw reader.Corrupt("more scored rows than counted rows of a class");
        }

        return state;
    }

    private void WriteScores(SketchWriter writer, CountTable<double> map)
    {
        writer.WriteVarUInt64((ulong)map.Size);
        var (keys, counts) = map.ToSorted();
        for (var i = 0; i < keys.Length; i++)
        {
            if (IsExact)
            {
                writer.WriteDouble(keys[i]);
            }
            else
            {
                writer.WriteVarUInt64((ulong)(keys[i] * _cellsPerUnit));
            }

            writer.WriteVarCount(counts[i]);
        }
    }

    private void ReadScores(ref SketchReader reader, CountTable<double> map, string className)
    {
        // Each entry takes at least two bytes, which bounds the size before anything is allocated.
        var size = reader.ReadVarLength(Math.Min(MaxDistinctScores, reader.Remaining / 2), $"the number of distinct {className} scores");
        var lastCell = (ulong)Math.ScaleB(1.0, IsExact ? 0 : _resolution);
        var previous = double.NegativeInfinity;
        for (var i = 0; i < size; i++)
        {
            double key;
            if (IsExact)
            {
                key = reader.ReadDouble();
                if (!(key >= 0 && key <= 1) || BitConverter.DoubleToInt64Bits(key) == long.MinValue)
                {
                    throw reader.Corrupt($"a {className} score is outside [0, 1]");
                }
            }
            else
            {
                var cell = reader.ReadVarUInt64();
                if (cell > lastCell)
                {
                    throw reader.Corrupt($"a {className} grid cell is outside [0, 1]");
                }

                key = cell * _cellWidth;
            }

            if (!(key > previous))
            {
                throw reader.Corrupt($"the {className} scores are not strictly ascending");
            }

            var count = reader.ReadVarCount();
            if (count == 0 || count > long.MaxValue - map.Total)
            {
                throw reader.Corrupt($"a {className} score count is zero or overflows");
            }

            map.Add(key, count);
            previous = key;
        }
    }
}
