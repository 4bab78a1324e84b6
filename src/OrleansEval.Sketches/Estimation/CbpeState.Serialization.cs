using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Estimation;

/// <content>The versioned binary format described on the type.</content>
public sealed partial class CbpeState
{
    /// <summary>Newest binary format version this build writes and reads.</summary>
    public const byte FormatVersion = 1;

    private const string TypeName = "CBPE state";
    private const byte ExactLevelByte = 0xFF;

    /// <summary>
    /// Serializes in the version 1 format described on the type; states holding the same predictions give the same bytes,
    /// whatever the order of adds and merges. The calibration map is not included, only its fingerprint.
    /// </summary>
    public byte[] Serialize()
    {
        var writer = new SketchWriter(SketchKind.CbpeState, FormatVersion, 64 + (_cells.Length * 20));
        writer.WriteUInt64(Calibration.Fingerprint);
        writer.WriteDouble(Threshold);
        writer.WriteVarCount(MaxExactScores);
        writer.WriteByte(_cells.Level == ScoreCells.Exact ? ExactLevelByte : (byte)_cells.Level);
        writer.WriteVarCount(_predictedPositives);
        writer.WriteVarCount(_predictedNegatives);
        WriteMass(writer, _positiveMass);
        WriteMass(writer, _negativeMass);
        writer.WriteVarCount(_cells.Length);
        var keys = _cells.Keys;
        var counts = _cells.Counts;
        var masses = _cells.Masses;
        for (var i = 0; i < keys.Length; i++)
        {
            writer.WriteDouble(keys[i]);
            writer.WriteVarCount(counts[i]);
            WriteMass(writer, masses[i]);
        }

        return writer.ToArray();
    }

    /// <summary>Reads a state written by <see cref="Serialize"/>, to be continued under <paramref name="calibration"/>.</summary>
    /// <param name="data">The serialized state.</param>
    /// <param name="calibration">The calibration map the state was accumulated under.</param>
    /// <exception cref="FormatException">The bytes are not a well-formed CBPE state of a supported version.</exception>
    /// <exception cref="ArgumentException">The state was accumulated under another calibration map.</exception>
    public static CbpeState Deserialize(ReadOnlySpan<byte> data, CalibrationMap calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var reader = SketchReader.Open(data, SketchKind.CbpeState, FormatVersion, TypeName);
        var fingerprint = reader.ReadUInt64();
        var threshold = reader.ReadDouble();
        if (!double.IsFinite(threshold) || BitConverter.DoubleToInt64Bits(threshold) == long.MinValue)
        {
            throw reader.Corrupt($"threshold {threshold} is not a finite value");
        }

        var cap = reader.ReadVarLength(MaximumMaxExactScores, "the cap of exact scores");
        if (cap < 1)
        {
            throw reader.Corrupt("the cap of exact scores is 0");
        }

        var levelByte = reader.ReadByte();
        if (levelByte != ExactLevelByte && levelByte > ScoreCells.MaxLevel)
        {
            throw reader.Corrupt($"grid level {levelByte} exceeds {ScoreCells.MaxLevel}");
        }

        var level = levelByte == ExactLevelByte ? ScoreCells.Exact : levelByte;
        var predictedPositives = reader.ReadVarCount();
        var predictedNegatives = reader.ReadVarCount();
        var positiveMass = ReadMass(ref reader, predictedPositives);
        var negativeMass = ReadMass(ref reader, predictedNegatives);
        if ((ulong)predictedPositives + (ulong)predictedNegatives > long.MaxValue)
        {
            throw reader.Corrupt("the number of predictions exceeds the largest 64-bit signed value");
        }

        var length = reader.ReadVarLength(Math.Min(cap, reader.Remaining / 10), "the number of cells");
        if (level != ScoreCells.Exact && length == 0)
        {
            throw reader.Corrupt("an empty state is on a grid");
        }

        var keys = new double[length];
        var counts = new long[length];
        var masses = new UInt128[length];
        long totalCount = 0;
        UInt128 totalMass = 0;
        long positiveCount = 0;
        UInt128 positiveSideMass = 0;
        for (var i = 0; i < length; i++)
        {
            keys[i] = reader.ReadDouble();
            counts[i] = reader.ReadVarCount();
            masses[i] = ReadMass(ref reader, counts[i]);
            if (!(keys[i] >= 0.0 && keys[i] <= 1.0)
                || BitConverter.DoubleToInt64Bits(keys[i]) < 0
                || (i > 0 && !(keys[i] > keys[i - 1])))
            {
                throw reader.Corrupt("the scores are not strictly increasing non-negative values in [0, 1]");
            }

            if (level != ScoreCells.Exact && ScoreCells.CellKey(keys[i], level) != keys[i])
            {
                throw reader.Corrupt($"score {keys[i]} is not the lower edge of a level-{level} cell");
            }

            if (counts[i] == 0 || counts[i] > long.MaxValue - totalCount)
            {
                throw reader.Corrupt("a cell count is zero or the counts overflow");
            }

            totalCount += counts[i];
            totalMass += masses[i];
            if (keys[i] >= threshold)
            {
                positiveCount += counts[i];
                positiveSideMass += masses[i];
            }
        }

        reader.EnsureEnd();
        if (totalCount != predictedPositives + predictedNegatives || totalMass != positiveMass + negativeMass)
        {
            throw reader.Corrupt("the cells do not add up to the confusion totals");
        }

        // In exact mode every cell lies wholly on one side of the threshold, so the split is checkable too.
        if (level == ScoreCells.Exact && (positiveCount != predictedPositives || positiveSideMass != positiveMass))
        {
            throw reader.Corrupt("the cells above the threshold do not add up to the predicted positives");
        }

        if (fingerprint != calibration.Fingerprint)
        {
            throw new ArgumentException(
                $"The state was accumulated under calibration map {fingerprint:X16}, not {calibration.Fingerprint:X16}.",
                nameof(calibration));
        }

        // Every prediction of one exact score carries the same calibrated probability.
        if (level == ScoreCells.Exact)
        {
            for (var i = 0; i < length; i++)
            {
                if (masses[i] != (UInt128)ToFixed(calibration.Calibrate(keys[i])) * (ulong)counts[i])
                {
                    throw reader.Corrupt($"the probabilities at score {keys[i]} do not match the calibration map");
                }
            }
        }

        var state = new CbpeState(calibration, threshold, cap)
        {
            _predictedPositives = predictedPositives,
            _predictedNegatives = predictedNegatives,
            _positiveMass = positiveMass,
            _negativeMass = negativeMass,
        };
        state._cells.Load(level, keys, counts, masses);
        return state;
    }

    private static void WriteMass(SketchWriter writer, UInt128 mass)
    {
        writer.WriteVarUInt64(unchecked((ulong)mass));
        writer.WriteVarUInt64(unchecked((ulong)(mass >> 64)));
    }

    /// <summary>A fixed-point sum of <paramref name="count"/> probabilities, which cannot exceed count · 2^53.</summary>
    private static UInt128 ReadMass(ref SketchReader reader, long count)
    {
        var low = reader.ReadVarUInt64();
        var high = reader.ReadVarUInt64();
        var mass = new UInt128(high, low);
        return mass > ((UInt128)(ulong)count << 53) ? throw reader.Corrupt("a sum of probabilities exceeds its count") : mass;
    }
}
