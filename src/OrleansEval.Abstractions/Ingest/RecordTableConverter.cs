namespace OrleansEval.Ingest;

/// <summary>Converts a <see cref="RecordTable"/> to and from its serialized form, <see cref="RecordTableSurrogate"/>.</summary>
[RegisterConverter]
public sealed class RecordTableConverter : IConverter<RecordTable, RecordTableSurrogate>
{
    /// <inheritdoc/>
    public RecordTable ConvertFromSurrogate(in RecordTableSurrogate surrogate) => RecordTable.Of(surrogate.Records);

    /// <inheritdoc/>
    public RecordTableSurrogate ConvertToSurrogate(in RecordTable value) => new([.. value.Rows.Select(row => row.ToInput())]);
}
