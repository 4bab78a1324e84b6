using System.Buffers;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Records;

/// <summary>
/// Reads prediction records from a JSON array or from NDJSON (one JSON object per line) with a forward-only
/// <see cref="System.Text.Json.Utf8JsonReader"/>, straight into the columns of a <see cref="RecordTable"/> in pooled
/// buffers (<see cref="RecordReader"/>): no object per record, names and categories kept once a batch. A record with a
/// bad field is rejected alone, with its index and the field at fault; malformed JSON makes the whole body a fault that
/// names the line and byte.
/// </summary>
internal static class RecordParser
{
    /// <summary>Parses <paramref name="body"/>; the caller disposes the result once nothing reads its records.</summary>
    public static ParsedRecords Parse(ReadOnlySequence<byte> body, GatewayOptions limits)
    {
        var builder = new RecordTableBuilder();
        var parsed = new ParsedRecords();
        using (var reader = new RecordReader(limits, builder))
        {
            JsonItemStream.Parse(body, limits, parsed, reader.Read);
        }

        parsed.Finish(builder);
        return parsed;
    }
}
