using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansEval.Server.Tests.Hosting;

/// <summary>The services one part of the server composition registers, from in-memory settings, without starting a host.</summary>
internal static class SlimServices
{
    public static ServiceProvider Of(Action<WebApplicationBuilder> add, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        add(builder);
        return builder.Services.BuildServiceProvider();
    }
}
