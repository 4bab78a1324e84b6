using System.Buffers;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;

namespace OrleansEval.Ingest;

/// <summary>
/// A codec that writes a value as one length-prefixed field of packed bytes; a null value, or one already written in
/// the same message, is written and read as a reference instead. Derived codecs write and read the length and bytes.
/// </summary>
/// <typeparam name="T">The type written.</typeparam>
public abstract class PackedFieldCodec<T> : IFieldCodec<T>
    where T : class
{
    /// <inheritdoc/>
    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, T? value)
        where TBufferWriter : IBufferWriter<byte>
    {
        if (ReferenceCodec.TryWriteReferenceField(ref writer, fieldIdDelta, expectedType, value) || value is null)
        {
            return;
        }

        writer.WriteFieldHeader(fieldIdDelta, expectedType, typeof(T), WireType.LengthPrefixed);
        WriteBytes(ref writer, value);
    }

    /// <inheritdoc/>
    public T ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        if (field.WireType == WireType.Reference)
        {
            return ReferenceCodec.ReadReference<T, TInput>(ref reader, field)!;
        }

        field.EnsureWireType(WireType.LengthPrefixed);
        var value = ReadBytes(ref reader);
        ReferenceCodec.RecordObject(reader.Session, value);
        return value;
    }

    /// <summary>Writes the length and bytes of <paramref name="value"/>, after its field header.</summary>
    protected abstract void WriteBytes<TBufferWriter>(ref Writer<TBufferWriter> writer, T value)
        where TBufferWriter : IBufferWriter<byte>;

    /// <summary>Reads a value's length and bytes, after its field header.</summary>
    protected abstract T ReadBytes<TInput>(ref Reader<TInput> reader);

    /// <summary>Writes <paramref name="bytes"/> as the field's length and bytes.</summary>
    protected static void WriteLengthAndBytes<TBufferWriter>(ref Writer<TBufferWriter> writer, ReadOnlySpan<byte> bytes)
        where TBufferWriter : IBufferWriter<byte>
    {
        writer.WriteVarUInt32((uint)bytes.Length);
        writer.Write(bytes);
    }

    /// <summary>
    /// Reads the field's length and bytes into a buffer of the shared pool and makes the value of them with
    /// <paramref name="decode"/>, which must not keep the span: the buffer goes back to the pool after.
    /// </summary>
    protected static T ReadPooled<TInput>(ref Reader<TInput> reader, PackedDecoder<T> decode) =>
        ReadPooled(ref reader, (int)reader.ReadVarUInt32(), decode);

    /// <summary>
    /// <see cref="ReadPooled{TInput}(ref Reader{TInput}, PackedDecoder{T})"/> for a field whose length the codec has
    /// read already, to choose between its layouts.
    /// </summary>
    protected static T ReadPooled<TInput>(ref Reader<TInput> reader, int length, PackedDecoder<T> decode)
    {
        ArgumentNullException.ThrowIfNull(decode);
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            reader.ReadBytes(bytes.AsSpan(0, length));
            return decode(bytes.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
