using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansEval.Gateway.Admission;

/// <summary>
/// Puts ingest endpoints behind the node's <see cref="AdmissionLimiter"/>. The check wraps the endpoint's own request
/// delegate, so it runs before model binding, gRPC message decoding or any read of the body, and the slot is held
/// until the answer has been written.
/// </summary>
internal static class AdmissionConventions
{
    /// <summary>HTTP ingest: a refused request is answered 429 with Retry-After.</summary>
    public static RouteHandlerBuilder RequireIngestAdmission(this RouteHandlerBuilder builder)
    {
        builder.Add(endpoint => Wrap(endpoint, "http", AdmissionRefusal.WriteHttpAsync));
        return builder;
    }

    /// <summary>gRPC: the methods marked <see cref="IngestAdmissionAttribute"/>; a refused call is RESOURCE_EXHAUSTED.</summary>
    public static GrpcServiceEndpointConventionBuilder RequireIngestAdmission(this GrpcServiceEndpointConventionBuilder builder)
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<IngestAdmissionAttribute>().FirstOrDefault() is { } admission)
            {
                Wrap(endpoint, "grpc", (context, seconds) => AdmissionRefusal.WriteGrpcAsync(context, admission.Field, seconds));
            }
        });
        return builder;
    }

    /// <summary>Runs <paramref name="next"/> holding a slot, or writes the refusal; the slot is returned however it ends.</summary>
    public static async Task AdmitAsync(HttpContext context, RequestDelegate next, string protocol, Func<HttpContext, int, Task> refuse)
    {
        var limiter = context.RequestServices.GetRequiredService<AdmissionLimiter>();
        using var slot = await limiter.TryEnterAsync(protocol, context.RequestAborted);
        if (slot is null)
        {
            await refuse(context, limiter.RetryAfterSeconds);
            return;
        }

        await next(context);
    }

    private static void Wrap(EndpointBuilder endpoint, string protocol, Func<HttpContext, int, Task> refuse)
    {
        var next = endpoint.RequestDelegate ?? throw new InvalidOperationException($"{endpoint.DisplayName} has no request delegate to put behind admission control.");
        endpoint.RequestDelegate = context => AdmitAsync(context, next, protocol, refuse);
    }
}
