namespace OrleansEval.Ingest;

/// <summary>Makes a value of its packed bytes, without keeping them (see <see cref="PackedFieldCodec{T}"/>).</summary>
/// <typeparam name="T">The type made.</typeparam>
/// <param name="bytes">The packed bytes of one value.</param>
/// <returns>The value.</returns>
public delegate T PackedDecoder<out T>(ReadOnlySpan<byte> bytes);
