using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansEval.Server.Memory;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Memory;

/// <summary>The heap governor is a hosted service of the server unless switched off, bound to its section and validated.</summary>
public sealed class HeapGovernorHostingTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings) =>
        SlimServices.Of(builder => builder.AddHeapGovernor(), settings);

    [Fact]
    public void AddHeapGovernor_ByDefault_RegistersTheGovernorWithTheDefaults()
    {
        using var services = Services();

        Assert.Single(services.GetServices<IHostedService>().OfType<HeapGovernor>());
        var options = services.GetRequiredService<IOptions<HeapGovernorOptions>>().Value;
        Assert.True(options.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Interval);
        Assert.Equal(64L * 1024 * 1024, options.MinFreeBytes);
        Assert.Equal(1.0, options.FreeToLiveRatio);
        Assert.True(options.TrimNativeHeap);
    }

    [Fact]
    public void AddHeapGovernor_WithSettings_BindsThem()
    {
        using var services = Services(
            ("HeapGovernor:Interval", "00:00:10"), ("HeapGovernor:MinFreeBytes", "1000"), ("HeapGovernor:FreeToLiveRatio", "2.5"), ("HeapGovernor:TrimNativeHeap", "false"));

        var options = services.GetRequiredService<IOptions<HeapGovernorOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(10), options.Interval);
        Assert.Equal(1000, options.MinFreeBytes);
        Assert.Equal(2.5, options.FreeToLiveRatio);
        Assert.False(options.TrimNativeHeap);
        Assert.Single(services.GetServices<IHostedService>().OfType<HeapGovernor>());
    }

    [Fact]
    public void AddHeapGovernor_SwitchedOff_RegistersNoGovernor()
    {
        using var services = Services(("HeapGovernor:Enabled", "false"));

        Assert.Empty(services.GetServices<IHostedService>().OfType<HeapGovernor>());
    }

    [Fact]
    public void AddHeapGovernor_WithAnIntervalUnderASecond_FailsNamingTheSetting()
    {
        using var services = Services(("HeapGovernor:Interval", "00:00:00.5"));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<HeapGovernorOptions>>().Value);

        Assert.Contains("HeapGovernor:Interval", failure.Message, StringComparison.Ordinal);
    }
}
