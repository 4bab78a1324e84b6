namespace OrleansEval.Server.Tests.Hosting;

/// <summary>One in-memory server shared by the HTTP tests of a collection; each test uses its own model ids.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ServerFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ServerTestGroup : ICollectionFixture<ServerFixture>
{
    public const string Name = "Server";
}
