using System.Collections.Immutable;

namespace OrleansEval.Ingest;

/// <summary>
/// A column of numbers that crosses a process boundary and is written to the ingest log as one field of packed bytes,
/// eight little-endian bytes a value, bit for bit (<see cref="PackedNumbersCodec"/>), instead of a field with its own
/// header per value. Held in memory as the array it was made from, so reading it costs nothing.
/// </summary>
[Immutable]
[Alias("OrleansEval.PackedNumbers")]
public sealed class PackedNumbers
{
    /// <summary>The column <paramref name="values"/>; a default array is held as empty.</summary>
    public PackedNumbers(ImmutableArray<double> values) => Values = values.IsDefault ? [] : values;

    /// <summary>The values, in order.</summary>
    public ImmutableArray<double> Values { get; }
}
