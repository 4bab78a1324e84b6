using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansEval.Grains.Persistence;

namespace OrleansEval.Grains.Hosting;

/// <summary>Adds the evaluation store's grains and their services to a silo.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Registers the grains' options (section <see cref="OrleansEvalOptions.SectionName"/>, and the failure-mode thresholds
    /// of <see cref="Sketches.FailureModes.FailureModeOptions.SectionName"/> and the validation rules of
    /// <see cref="Validation.ValidationOptions.SectionName"/>, validated at start) and the
    /// store's clock (<see cref="EvaluationClock"/>: the registered <see cref="TimeProvider"/> unless one is keyed), and
    /// a start-up task that wakes every model's ingest log so what a crash left unstored is replayed before traffic
    /// comes. The host must add grain storage named <see cref="StorageNames.State"/>, and should add the row store's
    /// <see cref="Rows.IRowBlobStore"/> (one in memory is used otherwise).
    /// </summary>
    public static ISiloBuilder AddOrleansEvalGrains(this ISiloBuilder builder, Action<OrleansEvalOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<OrleansEvalOptions>().BindConfiguration(OrleansEvalOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrleansEvalOptions>, OrleansEvalOptionsValidator>());
        builder.Services.AddOptions<Sketches.FailureModes.FailureModeOptions>().BindConfiguration(Sketches.FailureModes.FailureModeOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Sketches.FailureModes.FailureModeOptions>, FailureModes.FailureModeOptionsValidator>());
        builder.Services.AddOptions<Validation.ValidationOptions>().BindConfiguration(Validation.ValidationOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Validation.ValidationOptions>, Validation.ValidationOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddKeyedSingleton<TimeProvider>(EvaluationClock.Key, (services, _) => services.GetRequiredService<TimeProvider>());
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<StateWrites>();
        builder.Services.TryAddSingleton<Monitors.AlertMetrics>();
        builder.Services.TryAddSingleton<Actuals.JoinMetrics>();
        builder.Services.TryAddSingleton<RootCause.BaselineSideUses>();
        builder.Services.TryAddSingleton<RootCause.QuestionsInFlight>();
        builder.Services.TryAddSingleton<WriteSlots>();
        // Made at start, so that their instruments are published (and /metrics can name them) before their first use.
        builder.AddStartupTask((services, _) =>
        {
            services.GetRequiredService<Monitors.AlertMetrics>();
            services.GetRequiredService<Actuals.JoinMetrics>();
            return Task.CompletedTask;
        });
        builder.Services.TryAddSingleton<Buckets.BucketGrainServices>();
        builder.Services.TryAddSingleton<Baselines.ReferenceSampleCache>();
        builder.Services.TryAddSingleton<Rows.IRowBlobStore, Rows.MemoryRowBlobStore>();

        // Evaluation on ingest: the silo's marks of what batches changed, reported to each model's monitor grain.
        builder.Services.TryAddSingleton<Monitors.MonitorEvaluations>();
        builder.Services.TryAddSingleton<Monitors.MonitorInputMarks>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Monitors.MonitorInputMarks>());
        builder.AddStartupTask<Ingest.IngestLogRecovery>();
        AddWebhooks(builder);
        return builder;
    }

    // Webhooks: retry settings (validated at start), the sender with its connection pool, and the wake-up at start.
    private static void AddWebhooks(ISiloBuilder builder)
    {
        builder.Services.AddOptions<Webhooks.WebhookOptions>().BindConfiguration(Webhooks.WebhookOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Webhooks.WebhookOptions>, Webhooks.WebhookOptionsValidator>());
        builder.Services.TryAddSingleton<Webhooks.WebhookSender>();
        builder.AddStartupTask<Webhooks.WebhookWakeUp>();
    }

    /// <summary>
    /// Adds in-memory grain storage named <see cref="StorageNames.State"/> that keeps state in Orleans' binary format,
    /// as the blob storage of the service does: state types keep their members private where they are an
    /// implementation detail, which a JSON serializer would silently drop. Segments are compressed as in the service
    /// (<see cref="CompressingStateSerializer"/>).
    /// </summary>
    public static ISiloBuilder AddOrleansEvalMemoryStorage(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMemoryGrainStorage(StorageNames.State, options => options.Configure<IServiceProvider>((memory, services) =>
            memory.GrainStorageSerializer = CompressingStateSerializer.Create(services)));
    }
}
