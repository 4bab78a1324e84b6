using System.Collections.Immutable;

namespace OrleansEval.Ingest;

/// <summary>
/// The feature or tag values of one record of a <see cref="RecordTable"/>, by name, in the order the record gave
/// them; names are unique within a record. A view that allocates nothing.
/// </summary>
public readonly struct RecordValues
{
    private readonly RecordTable _table;
    private readonly int _start;

    internal RecordValues(RecordTable table, int start, int end)
    {
        _table = table;
        _start = start;
        Count = end - start;
    }

    /// <summary>The number of values.</summary>
    public int Count { get; }

    /// <summary>The value named <paramref name="name"/>; throws when the record has none.</summary>
    public FeatureValue this[string name] => TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"no value named '{name}'");

    /// <summary>The name of the <paramref name="i"/>-th value.</summary>
    public string NameAt(int i) => _table.Data.Names[NameIdAt(i)];

    /// <summary>
    /// The table-wide number of the <paramref name="i"/>-th value's name: equal names have equal numbers in a table.
    /// </summary>
    public int NameIdAt(int i) => _table.Data.CellNames[Cell(i)];

    /// <summary>The <paramref name="i"/>-th value.</summary>
    public FeatureValue ValueAt(int i) => _table.Data.CellValues[Cell(i)];

    /// <summary>Whether the record names <paramref name="name"/>.</summary>
    public bool ContainsKey(string name) => IndexOf(name) >= 0;

    /// <summary>The value named <paramref name="name"/>, if the record has one.</summary>
    public bool TryGetValue(string name, out FeatureValue value)
    {
        var i = IndexOf(name);
        value = i < 0 ? FeatureValue.Missing : ValueAt(i);
        return i >= 0;
    }

    /// <summary>The value named <paramref name="name"/>, or missing.</summary>
    public FeatureValue GetValueOrDefault(string name) => TryGetValue(name, out var value) ? value : FeatureValue.Missing;

    /// <summary>The values as a dictionary of their own (allocates).</summary>
    public ImmutableDictionary<string, FeatureValue> ToDictionary()
    {
        var values = ImmutableDictionary.CreateBuilder<string, FeatureValue>(StringComparer.Ordinal);
        for (var i = 0; i < Count; i++)
        {
            values.Add(NameAt(i), ValueAt(i));
        }

        return values.ToImmutable();
    }

    /// <summary>Enumerates name and value pairs in the record's order.</summary>
    public Enumerator GetEnumerator() => new(this);

    private int Cell(int i) => (uint)i < (uint)Count ? _start + i : throw new ArgumentOutOfRangeException(nameof(i));

    private int IndexOf(string name)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(NameAt(i), name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Enumerates the values of a record.</summary>
    public struct Enumerator(RecordValues values)
    {
        private int _i = -1;

        /// <summary>The current name and value.</summary>
        public readonly KeyValuePair<string, FeatureValue> Current => new(values.NameAt(_i), values.ValueAt(_i));

        /// <summary>Moves to the next value.</summary>
        public bool MoveNext() => ++_i < values.Count;
    }
}
