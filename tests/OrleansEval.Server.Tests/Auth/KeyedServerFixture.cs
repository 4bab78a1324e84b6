using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Auth;

/// <summary>
/// One in-memory server with keys on, shared by the key tests: an admin, a read and an ingest key from configuration,
/// stored keys cached for <see cref="CacheTtl"/>, and every log entry from Information up captured.
/// </summary>
public sealed class KeyedServerFixture : IAsyncLifetime
{
    public static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(2);

    public static readonly string AdminKey = $"admin-{Guid.NewGuid():N}";
    public static readonly string ReadKey = $"read-{Guid.NewGuid():N}";
    public static readonly string IngestKey = $"ingest-{Guid.NewGuid():N}";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Auth:Keys:operator:Secret"] = AdminKey,
        ["Auth:Keys:operator:Scopes"] = "admin",
        ["Auth:Keys:dashboard:Secret"] = ReadKey,
        ["Auth:Keys:dashboard:Scopes"] = "read",
        ["Auth:Keys:pipeline:Secret"] = IngestKey,
        ["Auth:Keys:pipeline:Scopes"] = "ingest",
        ["Auth:CacheTtl"] = CacheTtl.ToString(),
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
    };

    private ServerFactory? _factory;

    internal CapturedLogs Logs => _factory!.Logs;

    public WebApplicationFactory<Program> Factory => _factory!;

    public Task InitializeAsync()
    {
        _factory = new ServerFactory(settings: Settings);
        _factory.StartServer();
        return Task.CompletedTask;
    }

    /// <summary>A client that sends <paramref name="key"/> as its bearer token, or no Authorization header when null.</summary>
    public HttpClient Client(string? key)
    {
        var client = Factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
