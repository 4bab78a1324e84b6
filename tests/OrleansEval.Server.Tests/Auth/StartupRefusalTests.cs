using Microsoft.AspNetCore.Hosting;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Auth;

/// <summary>A server that would be open where it may not be refuses to start, naming the setting that is missing.</summary>
public sealed class StartupRefusalTests
{
    [Fact]
    public async Task ProductionServer_WithoutKeys_RefusesToStartNamingAuthKeys()
    {
        await using var factory = new ServerFactory().WithWebHostBuilder(web => web.UseEnvironment("Production"));

        var failure = Assert.ThrowsAny<Exception>(() => factory.StartServer());

        Assert.Contains("Auth:Keys: no API key is configured", failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("the environment is Production", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentServer_ListeningOnEveryInterface_WithoutKeys_RefusesToStart()
    {
        await using var factory = new ServerFactory(settings: new Dictionary<string, string> { ["Urls"] = "http://0.0.0.0:5080" });

        var failure = Assert.ThrowsAny<Exception>(() => factory.StartServer());

        Assert.Contains("Auth:Keys: no API key is configured", failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("http://0.0.0.0:5080", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductionServer_WithAShortConfiguredSecret_RefusesToStartNamingIt()
    {
        await using var factory = new ServerFactory(settings: new Dictionary<string, string>
        {
            ["Auth:Keys:ci:Secret"] = "too-short",
            ["Auth:Keys:ci:Scopes"] = "ingest",
        }).WithWebHostBuilder(web => web.UseEnvironment("Production"));

        var failure = Assert.ThrowsAny<Exception>(() => factory.StartServer());

        Assert.Contains("Auth:Keys:ci:Secret must be at least 32 characters", failure.ToString(), StringComparison.Ordinal);
    }
}
