using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansEval.Server.Memory;

namespace OrleansEval.Server.Tests.Memory;

/// <summary>A heap governor with its default settings outside a host, for tests that call its steps directly.</summary>
internal sealed class StandaloneGovernor : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public StandaloneGovernor() => Governor = new HeapGovernor(
        Options.Create(new HeapGovernorOptions()),
        TimeProvider.System,
        _services.GetRequiredService<IMeterFactory>(),
        NullLogger<HeapGovernor>.Instance);

    public HeapGovernor Governor { get; }

    public void Dispose()
    {
        Governor.Dispose();
        _services.Dispose();
    }
}
