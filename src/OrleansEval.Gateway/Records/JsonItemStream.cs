using System.Buffers;
using System.Text.Json;
using OrleansEval.Gateway.Hosting;

namespace OrleansEval.Gateway.Records;

/// <summary>Reads one item of a request body; rejects it alone (into the batch) when a field is wrong.</summary>
internal delegate void ItemReader<in TBody>(ref Utf8JsonReader reader, int index, GatewayOptions limits, TBody batch)
    where TBody : ParsedBody;

/// <summary>
/// Walks the items of a request body, a JSON array or NDJSON (one JSON value per line), with a forward-only
/// <see cref="Utf8JsonReader"/>, handing each to an item reader. Malformed JSON makes the whole body a fault that
/// names the line and byte; more items than the limit is a fault too.
/// </summary>
internal static class JsonItemStream
{
    public static TBody Parse<TBody>(ReadOnlySequence<byte> body, GatewayOptions limits, TBody batch, ItemReader<TBody> read)
        where TBody : ParsedBody
    {
        var first = FirstSignificantByte(body);
        if (first is null)
        {
            batch.Fault = "body: must hold a JSON array or NDJSON, but is empty";
            return batch;
        }

        return first == (byte)'[' ? ParseArray(body, limits, batch, read) : ParseLines(body, limits, batch, read);
    }

    private static TBody ParseArray<TBody>(ReadOnlySequence<byte> body, GatewayOptions limits, TBody batch, ItemReader<TBody> read)
        where TBody : ParsedBody
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            reader.Read();
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (index >= limits.MaxRecordsPerRequest)
                {
                    batch.Fault = $"body: too many items; at most {limits.MaxRecordsPerRequest} per request";
                    return batch;
                }

                read(ref reader, index++, limits, batch);
            }

            // Reading past the array throws for anything but trailing white space.
            reader.Read();
        }
        catch (JsonException e)
        {
            batch.Fault = $"body: malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}";
        }
        catch (InvalidOperationException)
        {
            // The reader refuses text it cannot turn into a string, such as an escaped lone surrogate.
            batch.Fault = $"body: a string is not valid UTF-16 text (an unpaired surrogate escape) near byte {reader.TokenStartIndex}";
        }

        return batch;
    }

    private static TBody ParseLines<TBody>(ReadOnlySequence<byte> body, GatewayOptions limits, TBody batch, ItemReader<TBody> read)
        where TBody : ParsedBody
    {
        var lines = new SequenceReader<byte>(body);
        var lineNumber = 0;
        var index = 0;
        while (!lines.End)
        {
            lineNumber++;
            if (!lines.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
            {
                line = lines.UnreadSequence;
                lines.AdvanceToEnd();
            }

            if (FirstSignificantByte(line) is null)
            {
                continue;
            }

            if (index >= limits.MaxRecordsPerRequest)
            {
                batch.Fault = $"body: too many items; at most {limits.MaxRecordsPerRequest} per request";
                return batch;
            }

            var reader = new Utf8JsonReader(line);
            try
            {
                reader.Read();
                read(ref reader, index++, limits, batch);
                if (reader.Read())
                {
                    batch.Fault = $"body: line {lineNumber} holds more than one JSON value";
                    return batch;
                }
            }
            catch (JsonException e)
            {
                batch.Fault = $"body: malformed JSON on line {lineNumber}, byte {e.BytePositionInLine + 1}";
                return batch;
            }
            catch (InvalidOperationException)
            {
                batch.Fault = $"body: a string on line {lineNumber} is not valid UTF-16 text (an unpaired surrogate escape)";
                return batch;
            }
        }

        return batch;
    }

    private static byte? FirstSignificantByte(ReadOnlySequence<byte> data)
    {
        foreach (var segment in data)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return b;
                }
            }
        }

        return null;
    }
}
