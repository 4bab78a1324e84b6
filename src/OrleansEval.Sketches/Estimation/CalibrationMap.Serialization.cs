using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Estimation;

/// <content>The versioned binary format described on the type.</content>
public sealed partial class CalibrationMap
{
    /// <summary>Newest binary format version this build writes and reads.</summary>
    public const byte FormatVersion = 1;

    private const string TypeName = "calibration map";

    /// <summary>Serializes in the version 1 format described on the type; equal maps give equal bytes.</summary>
    public byte[] Serialize()
    {
        var writer = new SketchWriter(SketchKind.CalibrationMap, FormatVersion, 8 + (_x.Length * 16));
        writer.WriteVarCount(_x.Length);
        foreach (var value in _x)
        {
            writer.WriteDouble(value);
        }

        foreach (var value in _y)
        {
            writer.WriteDouble(value);
        }

        return writer.ToArray();
    }

    /// <summary>Reads a map written by <see cref="Serialize"/>.</summary>
    /// <exception cref="FormatException">The bytes are not a well-formed calibration map of a supported version.</exception>
    public static CalibrationMap Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = SketchReader.Open(data, SketchKind.CalibrationMap, FormatVersion, TypeName);
        var count = reader.ReadVarLength(reader.Remaining / 16, "the number of knots");
        if (count == 0)
        {
            reader.EnsureEnd();
            return Identity;
        }

        var x = new double[count];
        var y = new double[count];
        for (var i = 0; i < count; i++)
        {
            x[i] = reader.ReadDouble();
            if (!(x[i] >= 0.0 && x[i] <= 1.0) || (i > 0 && !(x[i] > x[i - 1])) || BitConverter.DoubleToInt64Bits(x[i]) < 0)
            {
                throw reader.Corrupt("the knot scores are not strictly increasing non-negative values in [0, 1]");
            }
        }

        for (var i = 0; i < count; i++)
        {
            y[i] = reader.ReadDouble();
            if (!(y[i] >= 0.0 && y[i] <= 1.0) || (i > 0 && !(y[i] >= y[i - 1])))
            {
                throw reader.Corrupt("the knot probabilities are not non-decreasing values in [0, 1]");
            }
        }

        reader.EnsureEnd();
        return new CalibrationMap(x, y);
    }
}
