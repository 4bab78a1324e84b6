using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace OrleansEval.Server.Hosting;

/// <summary>
/// Sets the limits of the HTTP server that protect the gateway from slow clients: the minimum request body data rate
/// of <see cref="MinBodyRateOptions"/>. The gateway reads a body whole before it takes an admission slot; this rate is
/// what ends a body that never finishes. gRPC turns the check off for its streaming calls by itself.
/// </summary>
public static class KestrelLimits
{
    /// <summary>Shortest grace period accepted: Kestrel checks data rates once a second.</summary>
    public static readonly TimeSpan MinGracePeriod = TimeSpan.FromSeconds(1);

    /// <summary>Binds and validates <see cref="MinBodyRateOptions"/> and applies them to Kestrel.</summary>
    public static WebApplicationBuilder AddKestrelLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MinBodyRateOptions>()
            .BindConfiguration(MinBodyRateOptions.SectionName)
            .Validate(rate => rate.BytesPerSecond >= 0 && double.IsFinite(rate.BytesPerSecond), $"{MinBodyRateOptions.SectionName}:BytesPerSecond must be 0 or more.")
            .Validate(rate => rate.GracePeriod > MinGracePeriod, $"{MinBodyRateOptions.SectionName}:GracePeriod must be more than {MinGracePeriod}.")
            .ValidateOnStart();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<MinBodyRateOptions>>((kestrel, rate) =>
            kestrel.Limits.MinRequestBodyDataRate = rate.Value.BytesPerSecond == 0 ? null : new MinDataRate(rate.Value.BytesPerSecond, rate.Value.GracePeriod));
        return builder;
    }
}
