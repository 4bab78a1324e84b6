using System.Buffers;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Grpc.V1;
using OrleansEval.Gateway.Hosting;

namespace OrleansEval.Gateway.Grpc;

/// <summary>
/// The request deserializers of the ingest methods: the message's bytes are read straight into the columnar form
/// (<see cref="IngestWireReader"/>, <see cref="ActualsWireReader"/>) with no protobuf message built. A message those
/// readers leave alone — one protobuf would merge, or one that is not valid protobuf — is parsed by Google.Protobuf and
/// mapped by <see cref="RecordMapper"/>, so every message reads as it did, and a broken one is INVALID_ARGUMENT naming
/// where it breaks, as for every other method.
/// </summary>
internal sealed class WireRequests(IOptions<GatewayOptions> options)
{
    /// <summary>An IngestRequest's records, in a record table.</summary>
    public IngestMessage Records(DeserializationContext context)
    {
        var payload = context.PayloadAsReadOnlySequence();
        var limits = options.Value;
        if (TryRead(payload, limits, IngestWireReader.Read) is { } message)
        {
            return message;
        }

        var request = Parse(IngestRequest.Parser, IngestRequest.Descriptor, payload);
        var (table, rejected) = RecordMapper.Map(request.Records, limits);
        return new IngestMessage(request.ModelId, request.HasIdempotencyKey ? request.IdempotencyKey : null, request.Records.Count, table, rejected);
    }

    /// <summary>An ActualsRequest's actuals, checked.</summary>
    public ActualsMessage Actuals(DeserializationContext context)
    {
        var payload = context.PayloadAsReadOnlySequence();
        var limits = options.Value;
        if (TryRead(payload, limits, ActualsWireReader.Read) is { } message)
        {
            return message;
        }

        var request = Parse(ActualsRequest.Parser, ActualsRequest.Descriptor, payload);
        var (items, rejected) = RecordMapper.Map(request.Actuals, limits);
        return new ActualsMessage(request.ModelId, request.HasIdempotencyKey ? request.IdempotencyKey : null, request.Actuals.Count, items, rejected);
    }

    /// <summary>Protobuf's parse of <paramref name="payload"/>; a message it cannot read is INVALID_ARGUMENT naming where it breaks.</summary>
    public static T Parse<T>(MessageParser<T> parser, MessageDescriptor descriptor, ReadOnlySequence<byte> payload)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or ArgumentException)
        {
            // ArgumentException: protobuf's strict UTF-8 decoding of a string field throws DecoderFallbackException.
            throw Unreadable(descriptor, payload);
        }
    }

    /// <summary>INVALID_ARGUMENT for a message protobuf cannot read, naming the field where it breaks.</summary>
    public static RpcException Unreadable(MessageDescriptor descriptor, ReadOnlySequence<byte> payload)
    {
        var field = MessageFaults.Locate(descriptor, payload.ToArray()) ?? "message";
        return GrpcProblems.Invalid(field, $"the {descriptor.Name} message is not valid protobuf here (wrong wire type, truncated, or not UTF-8 text)");
    }

    // A message arriving in several buffers is copied into one; the readers keep no reference to the bytes.
    private static T? TryRead<T>(ReadOnlySequence<byte> payload, GatewayOptions limits, ReadSpan<T> read)
        where T : class
    {
        if (payload.IsSingleSegment)
        {
            return TryRead(payload.FirstSpan, limits, read);
        }

        var length = checked((int)payload.Length);
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(copy);
            return TryRead(copy.AsSpan(0, length), limits, read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private static T? TryRead<T>(ReadOnlySpan<byte> payload, GatewayOptions limits, ReadSpan<T> read)
        where T : class
    {
        try
        {
            return read(payload, limits);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private delegate T ReadSpan<out T>(ReadOnlySpan<byte> payload, GatewayOptions limits);
}
