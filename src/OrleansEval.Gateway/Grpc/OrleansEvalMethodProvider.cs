using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Grpc.V1;
using OrleansEval.Gateway.Hosting;

namespace OrleansEval.Gateway.Grpc;

/// <summary>
/// Binds the methods of <see cref="OrleansEvalService"/> in place of Grpc.AspNetCore's own binder, with two changes. A
/// request message protobuf cannot read is INVALID_ARGUMENT naming the field where it breaks, not UNKNOWN with a stack
/// trace in the log: the message is decoded by the call handler before any interceptor or service code runs, so the
/// request marshaller is the one place that sees the failure, and Grpc.AspNetCore answers an <see cref="RpcException"/>
/// thrown there with its status. And the ingest methods' requests are read from their bytes straight into the columnar
/// form (<see cref="WireRequests"/>), so the service methods take an <see cref="IngestMessage"/> or an
/// <see cref="ActualsMessage"/>; the .proto stays the contract clients are built from. The service does not derive
/// from the generated base class, so the built-in binder finds nothing to bind and each method is bound once, here.
/// </summary>
internal sealed class OrleansEvalMethodProvider(IOptions<GatewayOptions> options) : IServiceMethodProvider<OrleansEvalService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<OrleansEvalService> context) =>
        V1.OrleansEval.BindService(new Binder(context, new WireRequests(options)), serviceImpl: null);

    /// <summary>Receives each method of the generated service description and adds it to the endpoint model.</summary>
    private sealed class Binder(ServiceMethodProviderContext<OrleansEvalService> context, WireRequests wire) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var metadata = Metadata(method, out var target);
            switch (method)
            {
                case Method<IngestRequest, IngestReply> ingest:
                    context.AddUnaryMethod(ReadFromWire(ingest, wire.Records), metadata, Invoker<UnaryServerMethod<OrleansEvalService, IngestMessage, IngestReply>>(target));
                    break;
                case Method<ActualsRequest, ActualsReply> actuals:
                    context.AddUnaryMethod(ReadFromWire(actuals, wire.Actuals), metadata, Invoker<UnaryServerMethod<OrleansEvalService, ActualsMessage, ActualsReply>>(target));
                    break;
                default:
                    context.AddUnaryMethod(Strict(method), metadata, Invoker<UnaryServerMethod<OrleansEvalService, TRequest, TResponse>>(target));
                    break;
            }
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var metadata = Metadata(method, out var target);
            if (method is Method<IngestRequest, IngestReply> ingest)
            {
                context.AddClientStreamingMethod(ReadFromWire(ingest, wire.Records), metadata, Invoker<ClientStreamingServerMethod<OrleansEvalService, IngestMessage, IngestReply>>(target));
                return;
            }

            context.AddClientStreamingMethod(Strict(method), metadata, Invoker<ClientStreamingServerMethod<OrleansEvalService, TRequest, TResponse>>(target));
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(Strict(method), Metadata(method, out var target), Invoker<ServerStreamingServerMethod<OrleansEvalService, TRequest, TResponse>>(target));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddDuplexStreamingMethod(Strict(method), Metadata(method, out var target), Invoker<DuplexStreamingServerMethod<OrleansEvalService, TRequest, TResponse>>(target));

        private static TDelegate Invoker<TDelegate>(MethodInfo target)
            where TDelegate : Delegate => (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), target);

        // As the built-in binder does: the service's attributes, then the method's (admission reads them), and POST.
        private static List<object> Metadata<TRequest, TResponse>(Method<TRequest, TResponse> method, out MethodInfo target)
            where TRequest : class
            where TResponse : class
        {
            target = typeof(OrleansEvalService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance)
                ?? throw new InvalidOperationException($"{nameof(OrleansEvalService)} has no method for the gRPC method {method.FullName}.");
            return
            [
                .. typeof(OrleansEvalService).GetCustomAttributes(inherit: true),
                .. target.GetCustomAttributes(inherit: true),
                new HttpMethodMetadata(["POST"], acceptCorsPreflight: true),
            ];
        }

        // The same method, its request read by read instead of by the generated message's parser.
        private static Method<TRead, TResponse> ReadFromWire<TRequest, TRead, TResponse>(Method<TRequest, TResponse> method, Func<DeserializationContext, TRead> read)
            where TRequest : class
            where TRead : class
            where TResponse : class
        {
            var marshaller = new Marshaller<TRead>(
                (_, _) => throw new NotSupportedException($"A {typeof(TRead).Name} is only read on the server; clients send the {typeof(TRequest).Name} of the .proto."),
                read);
            return new Method<TRead, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
        }

        private static Method<TRequest, TResponse> Strict<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class
            where TResponse : class
        {
            var descriptor = typeof(TRequest).GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as MessageDescriptor
                ?? throw new InvalidOperationException($"{typeof(TRequest).Name} is not a protobuf message.");
            var inner = method.RequestMarshaller;
            var marshaller = new Marshaller<TRequest>(inner.ContextualSerializer, (DeserializationContext deserialization) =>
            {
                try
                {
                    return inner.ContextualDeserializer(deserialization);
                }
                catch (Exception e) when (e is InvalidProtocolBufferException or ArgumentException)
                {
                    // ArgumentException: protobuf's strict UTF-8 decoding of a string field throws DecoderFallbackException.
                    throw WireRequests.Unreadable(descriptor, deserialization.PayloadAsReadOnlySequence());
                }
            });
            return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
        }
    }
}
