using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansEval.Gateway.Auth;

/// <summary>Adds API keys, the cross-site refusal and the key endpoints to the gateway.</summary>
public static class AuthExtensions
{
    /// <summary>
    /// Registers the "Auth" options (validated at start: with no key configured, start fails unless
    /// <paramref name="openAccess"/> allows an open API), the key ring and the start-up announcement.
    /// </summary>
    public static IServiceCollection AddOrleansEvalKeys(this IServiceCollection services, OpenAccess openAccess)
    {
        services.TryAddSingleton(openAccess);
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KeyRing>();
        services.TryAddSingleton<ApiKeyMiddleware>();
        services.TryAddSingleton<ApiKeyInterceptor>();
        services.AddHostedService<AccessAnnouncement>();

        // First of the gRPC interceptors, so a call without a key takes no admission slot.
        services.PostConfigure<GrpcServiceOptions>(grpc =>
        {
            var others = grpc.Interceptors.ToList();
            grpc.Interceptors.Clear();
            grpc.Interceptors.Add<ApiKeyInterceptor>();
            foreach (var interceptor in others)
            {
                grpc.Interceptors.Add(interceptor);
            }
        });
        return services;
    }

    /// <summary>Checks keys and refuses cross-site changes before any endpoint runs.</summary>
    public static IApplicationBuilder UseOrleansEvalKeys(this IApplicationBuilder app) => app.UseMiddleware<ApiKeyMiddleware>();
}
