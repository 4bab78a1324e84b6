using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansEval.Server.Memory;

/// <summary>Adds the <see cref="HeapGovernor"/>, bound to <see cref="HeapGovernorOptions"/>, unless it is switched off.</summary>
public static class HeapGovernorHosting
{
    /// <summary>
    /// Binds and validates <see cref="HeapGovernorOptions"/>; registers the governor when <c>HeapGovernor:Enabled</c> is
    /// true, and then, unless <c>HeapGovernor:TrimNativeHeap</c> is false, fixes the C library's thresholds (<see cref="NativeHeap.FixThresholds"/>).
    /// </summary>
    public static WebApplicationBuilder AddHeapGovernor(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<HeapGovernorOptions>()
            .BindConfiguration(HeapGovernorOptions.SectionName)
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1), $"{HeapGovernorOptions.SectionName}:Interval must be at least 1 s.")
            .Validate(o => o.MinFreeBytes >= 0, $"{HeapGovernorOptions.SectionName}:MinFreeBytes must be 0 or more.")
            .Validate(o => o.FreeToLiveRatio >= 0 && double.IsFinite(o.FreeToLiveRatio), $"{HeapGovernorOptions.SectionName}:FreeToLiveRatio must be a finite number, 0 or more.")
            .Validate(o => o.QuietAfterQuestion >= TimeSpan.Zero, $"{HeapGovernorOptions.SectionName}:QuietAfterQuestion must be 0 or more.")
            .Validate(o => o.MaxQuestionDeferral >= TimeSpan.Zero, $"{HeapGovernorOptions.SectionName}:MaxQuestionDeferral must be 0 or more.")
            .ValidateOnStart();
        if (builder.Configuration.GetValue($"{HeapGovernorOptions.SectionName}:{nameof(HeapGovernorOptions.Enabled)}", defaultValue: true))
        {
            builder.Services.TryAddSingleton(TimeProvider.System);
            builder.Services.AddHostedService<HeapGovernor>();
            if (builder.Configuration.GetValue($"{HeapGovernorOptions.SectionName}:{nameof(HeapGovernorOptions.TrimNativeHeap)}", defaultValue: true))
            {
                // As the host is built, before its services start: the thresholds hold for the allocations that follow.
                // glibc does not lock mallopt against other threads; those running now (the runtime's, the thread pool's)
                // only read the two values it sets, each a machine word.
                NativeHeap.FixThresholds();
            }
        }

        return builder;
    }
}
