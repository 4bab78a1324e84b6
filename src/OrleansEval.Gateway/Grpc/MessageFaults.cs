using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace OrleansEval.Gateway.Grpc;

/// <summary>
/// Finds where a protobuf message that failed to parse breaks, by walking its wire format against the message's
/// descriptor: the path of the first field whose tag, wire type, length or text is wrong, such as
/// <c>records[2].timestamp</c>. Only run after a parse has failed, so the happy path pays nothing.
/// </summary>
internal static class MessageFaults
{
    // Deeper than any message of the API nests; a payload nesting further is named where the limit is reached.
    private const int MaxDepth = 16;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The path of the field where <paramref name="payload"/> stops being a valid message, or null if none is found.</summary>
    public static string? Locate(MessageDescriptor descriptor, byte[] payload) => Walk(descriptor, payload, prefix: null, depth: 0);

    private static string? Walk(MessageDescriptor descriptor, byte[] payload, string? prefix, int depth)
    {
        var input = new CodedInputStream(payload);
        var seen = new Dictionary<int, int>();
        while (!input.IsAtEnd)
        {
            uint tag;
            try
            {
                tag = input.ReadTag();
            }
            catch (InvalidProtocolBufferException)
            {
                return prefix ?? "message";
            }

            var number = WireFormat.GetTagFieldNumber(tag);
            var field = tag == 0 ? null : descriptor.FindFieldByNumber(number);
            if (field is null)
            {
                // An unknown field is allowed if it can be skipped; a zero or unreadable tag breaks the message here.
                if (tag == 0 || !TrySkip(input))
                {
                    return prefix ?? "message";
                }

                continue;
            }

            var occurrence = seen[number] = seen.GetValueOrDefault(number) + 1;
            var path = Path(prefix, field, occurrence - 1);
            if (Check(field, WireFormat.GetTagWireType(tag), input, path, depth) is { } fault)
            {
                return fault;
            }
        }

        return null;
    }

    private static string? Check(FieldDescriptor field, WireFormat.WireType wire, CodedInputStream input, string path, int depth)
    {
        if (field.FieldType is FieldType.Message or FieldType.String or FieldType.Bytes || (field.IsRepeated && wire == WireFormat.WireType.LengthDelimited))
        {
            if (wire != WireFormat.WireType.LengthDelimited || !TryReadBytes(input, out var bytes))
            {
                return path;
            }

            return field.FieldType switch
            {
                FieldType.String => IsUtf8(bytes) ? null : path,
                FieldType.Message when field.IsMap => depth >= MaxDepth ? path : Walk(field.MessageType, bytes, prefix: null, depth + 1) is null ? null : path,
                FieldType.Message => depth >= MaxDepth ? path : Walk(field.MessageType, bytes, path, depth + 1),
                _ => null,
            };
        }

        return wire == ExpectedWireType(field.FieldType) && TrySkip(input) ? null : path;
    }

    private static WireFormat.WireType ExpectedWireType(FieldType type) => type switch
    {
        FieldType.Double or FieldType.Fixed64 or FieldType.SFixed64 => WireFormat.WireType.Fixed64,
        FieldType.Float or FieldType.Fixed32 or FieldType.SFixed32 => WireFormat.WireType.Fixed32,
        _ => WireFormat.WireType.Varint,
    };

    private static string Path(string? prefix, FieldDescriptor field, int index)
    {
        var name = field.IsRepeated && !field.IsMap ? $"{field.Name}[{index}]" : field.Name;
        return prefix is null ? name : $"{prefix}.{name}";
    }

    private static bool TrySkip(CodedInputStream input)
    {
        try
        {
            input.SkipLastField();
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    private static bool TryReadBytes(CodedInputStream input, out byte[] bytes)
    {
        try
        {
            bytes = input.ReadBytes().ToByteArray();
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            bytes = [];
            return false;
        }
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
