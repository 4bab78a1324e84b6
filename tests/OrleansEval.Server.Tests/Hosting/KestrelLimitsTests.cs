using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansEval.Server.Hosting;

namespace OrleansEval.Server.Tests.Hosting;

public sealed class KestrelLimitsTests
{
    private static MinDataRate? Rate(params (string Key, string Value)[] settings)
    {
        using var services = Services(settings);
        return services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MinRequestBodyDataRate;
    }

    private static ServiceProvider Services(params (string Key, string Value)[] settings) =>
        SlimServices.Of(builder => builder.AddKestrelLimits(), settings);

    [Fact]
    public void AddKestrelLimits_SetsKestrelsMinimumBodyDataRate_FromConfiguration_AndByDefault()
    {
        var configured = Rate(("Gateway:MinBodyRate:BytesPerSecond", "100"), ("Gateway:MinBodyRate:GracePeriod", "00:00:02"));
        var byDefault = Rate();
        var off = Rate(("Gateway:MinBodyRate:BytesPerSecond", "0"));

        Assert.Equal(100, configured!.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(2), configured.GracePeriod);
        Assert.Equal(1024, byDefault!.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(5), byDefault.GracePeriod);
        Assert.Null(off);
    }

    [Fact]
    public void AddKestrelLimits_WithAGracePeriodKestrelCannotCheck_FailsNamingTheSetting()
    {
        using var services = Services(("Gateway:MinBodyRate:GracePeriod", "00:00:01"));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KestrelServerOptions>>().Value);

        Assert.Contains("Gateway:MinBodyRate:GracePeriod", failure.Message, StringComparison.Ordinal);
    }
}
