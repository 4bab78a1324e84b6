namespace OrleansEval.Server.Demo;

/// <summary>Registers the demo replay when the "Demo:Replay" setting asks for it.</summary>
internal static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemoReplay(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
        if (configuration.GetValue<bool>($"{DemoOptions.SectionName}:{nameof(DemoOptions.Replay)}"))
        {
            services.AddHostedService<DemoReplay>();
        }

        return services;
    }
}
