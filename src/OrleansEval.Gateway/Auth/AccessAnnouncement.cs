using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansEval.Gateway.Auth;

/// <summary>Says at start whether the API requires keys, with a warning when it runs open.</summary>
internal sealed class AccessAnnouncement(KeyRing keys, IOptions<AuthOptions> options, ILogger<AccessAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (keys.KeysRequired)
        {
            AuthLog.KeysRequired(logger, options.Value.Keys.Count, options.Value.CacheTtl);
        }
        else
        {
            AuthLog.RunningOpen(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
