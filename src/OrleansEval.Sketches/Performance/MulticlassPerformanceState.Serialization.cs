using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Performance;

/// <content>
/// Binary format, version 1; "varint" is unsigned LEB128 in its shortest form:
/// <code>
/// offset  size  field
///      0     1  type tag 0x11 (SketchKind.MulticlassPerformance)
///      1     1  format version 1
///      2     …  number of labels K (varint), then each label in ordinal order as its UTF-8 byte length (varint) and bytes
///      …     …  number of non-zero cells (varint), then each cell in row-major order as true-label index, predicted-label
///               index and count (varints); every label occurs in some cell
/// </code>
/// Only the active labels and the non-zero cells are written, in a fixed order, so equal states give equal bytes.
/// </content>
public sealed partial class MulticlassPerformanceState
{
    /// <summary>Newest binary format version this build writes and reads.</summary>
    public const byte FormatVersion = 1;

    private const string TypeName = "multiclass performance state";

    /// <summary>Serializes the state in the version 1 format.</summary>
    public byte[] Serialize()
    {
        var indices = ActiveIndices();
        var position = new int[_labelIndex.Count];
        for (var i = 0; i < indices.Length; i++)
        {
            position[indices[i]] = i;
        }

        var cells = new (long Key, long Count)[_cells.Count];
        var n = 0;
        foreach (var (key, value) in _cells)
        {
            cells[n++] = (CellKey(position[(int)(key >> 32)], position[(int)(key & 0xFFFF_FFFF)]), value);
        }

        Array.Sort(cells, static (x, y) => x.Key.CompareTo(y.Key));

        var writer = new SketchWriter(SketchKind.MulticlassPerformance, FormatVersion, 16 + (indices.Length * 16) + (cells.Length * 6));
        writer.WriteVarUInt64((ulong)indices.Length);
        foreach (var index in indices)
        {
            writer.WriteUtf8String(_labels[index]);
        }

        writer.WriteVarUInt64((ulong)cells.Length);
        foreach (var (key, count) in cells)
        {
            writer.WriteVarUInt64((ulong)(key >> 32));
            writer.WriteVarUInt64((ulong)(key & 0xFFFF_FFFF));
            writer.WriteVarCount(count);
        }

        return writer.ToArray();
    }

    /// <summary>Reads a state written by <see cref="Serialize"/>.</summary>
    /// <exception cref="FormatException">The bytes are not a well-formed multiclass performance state of a supported version.</exception>
    public static MulticlassPerformanceState Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = SketchReader.Open(data, SketchKind.MulticlassPerformance, FormatVersion, TypeName);
        var state = new MulticlassPerformanceState();

        // A label takes at least one byte and each label needs a cell of at least three.
        var labelCount = reader.ReadVarLength(reader.Remaining / 2, "a label count");
        string? previous = null;
        for (var i = 0; i < labelCount; i++)
        {
            var label = reader.ReadUtf8String();
            if (previous is not null && string.CompareOrdinal(previous, label) >= 0)
            {
                throw reader.Corrupt("the labels are not in strictly ascending ordinal order");
            }

            state.IndexOf(label, nameof(data));
            previous = label;
        }

        var cellCount = reader.ReadVarLength(reader.Remaining / 3, "a cell count");
        if ((labelCount == 0) != (cellCount == 0))
        {
            throw reader.Corrupt("cells without labels or labels without cells");
        }

        long lastKey = -1;
        for (var i = 0; i < cellCount; i++)
        {
            var t = reader.ReadVarLength(labelCount - 1, "a true-label index");
            var p = reader.ReadVarLength(labelCount - 1, "a predicted-label index");
            var count = reader.ReadVarCount();
            var key = CellKey(t, p);
            if (key <= lastKey || count == 0)
            {
                throw reader.Corrupt("the cells are not strictly ascending or a count is zero");
            }

            if (count > long.MaxValue - state._count)
            {
                throw reader.Corrupt("the total count overflows");
            }

            state.AddCell(t, p, count);
            state._count += count;
            lastKey = key;
        }

        reader.EnsureEnd();
        for (var i = 0; i < labelCount; i++)
        {
            if (!state.ActiveAt(i))
            {
                throw reader.Corrupt($"label {i} has no row");
            }
        }

        return state;
    }
}
