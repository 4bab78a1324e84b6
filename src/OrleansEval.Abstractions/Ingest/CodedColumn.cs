using System.Collections.Immutable;

namespace OrleansEval.Ingest;

/// <summary>
/// A column of labels kept compact for the ingest log: the distinct labels in order of first use and, per record, its
/// label's index (−1 when the record has none).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.CodedColumn")]
[Immutable]
public sealed record CodedColumn
{
    /// <summary>The column <paramref name="name"/> holding <paramref name="values"/>, one per record.</summary>
    public CodedColumn(string name, IEnumerable<string?> values)
    {
        Name = name;
        (Labels, Codes) = CompactColumns.Encode(values);
    }

    /// <summary>The column's name.</summary>
    [Id(0)] public string Name { get; init; }

    /// <summary>Number of records.</summary>
    public int Length => Codes.IsDefault ? 0 : Codes.Length;

    [Id(1)] private ImmutableArray<string> Labels { get; init; }

    [Id(2)] private ImmutableArray<int> Codes { get; init; }

    /// <summary>The label of record <paramref name="row"/>, null when it has none.</summary>
    public string? this[int row] => CompactColumns.Decode(Labels, Codes[row]);
}
