namespace OrleansEval.Grains.Features;

/// <summary>One event-time bucket of one column: a numeric or a categorical summary.</summary>
internal abstract class ColumnBucket
{
    protected const byte FormatVersion = 1;

    /// <summary>Records in the bucket with a value.</summary>
    public abstract long Count { get; }

    /// <summary>Records in the bucket without a value.</summary>
    public long Missing { get; protected set; }

    /// <summary>Records rejected because this column's value had the wrong type or was not a finite number.</summary>
    public long TypeErrors { get; set; }

    public abstract byte[] Serialize();

    public static ColumnBucket Deserialize(byte[] bytes)
    {
        if (bytes.Length < 2)
        {
            throw new FormatException("A column bucket needs at least a type and a version byte.");
        }

        return bytes[0] switch
        {
            NumericBucket.TypeTag => NumericBucket.Read(bytes),
            CategoricalBucket.TypeTag => CategoricalBucket.Read(bytes),
            _ => throw new FormatException($"Unknown column bucket type {bytes[0]}."),
        };
    }
}
