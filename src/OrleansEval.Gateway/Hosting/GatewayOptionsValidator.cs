using Microsoft.Extensions.Options;

namespace OrleansEval.Gateway.Hosting;

/// <summary>Refuses limits that cannot work, at start-up.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (options.MaxBodyBytes < 1024)
        {
            failures.Add("Gateway:MaxBodyBytes must be at least 1024.");
        }

        if (options.MaxRecordsPerRequest < 1)
        {
            failures.Add("Gateway:MaxRecordsPerRequest must be at least 1.");
        }

        if (options.MaxColumnsPerModel < 1)
        {
            failures.Add("Gateway:MaxColumnsPerModel must be at least 1.");
        }

        if (options.MaxStringLength < 16)
        {
            failures.Add("Gateway:MaxStringLength must be at least 16.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
