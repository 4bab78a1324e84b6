using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.WorstSlices;

/// <summary>
/// A server of its own for the worst-slice tests, keeping rows for ten years: the weather rows date from 2013 and the
/// monitor test moves the store's clock, which the shared server's other tests must not see.
/// </summary>
public sealed class WorstSliceServer : IAsyncLifetime
{
    public ServerFactory Factory { get; } = new(settings: new Dictionary<string, string> { ["OrleansEval:RowRetention"] = "3650.00:00:00" });

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
