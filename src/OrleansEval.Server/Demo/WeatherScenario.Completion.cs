using System.Net;
using System.Text.Json.Nodes;

namespace OrleansEval.Server.Demo;

/// <summary>The demo's completion mark: the scenario's drift monitor, defined after everything else.</summary>
public sealed partial class WeatherScenario
{
    /// <summary>
    /// The drift monitor the demo defines as its last step (PSI of <c>temp_max</c> in production against the training
    /// baseline, over 30 days). Its presence says the replay finished: nothing before it is left to send.
    /// </summary>
    public const string CompletionMonitor = "temp-max-drift";

    /// <summary>Whether the demo finished replaying into <paramref name="modelId"/>: its <see cref="CompletionMonitor"/> exists.</summary>
    public async Task<bool> IsCompleteAsync(string modelId, CancellationToken cancellationToken = default)
    {
        using var response = await client.GetAsync($"/v1/models/{modelId}/monitors/{CompletionMonitor}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    /// <summary>
    /// Replays the scenario into <paramref name="modelId"/> unless a replay already finished, then writes the completion
    /// mark; returns whether it replayed. Whatever interrupted earlier replays, the model ends up as one replay in one
    /// go leaves it.
    /// </summary>
    public async Task<bool> ReplayUnlessCompleteAsync(string modelId, CancellationToken cancellationToken = default)
    {
        if (await IsCompleteAsync(modelId, cancellationToken))
        {
            return false;
        }

        await ReplayAsync(modelId, cancellationToken);
        await MarkCompleteAsync(modelId, cancellationToken);
        return true;
    }

    /// <summary>Defines the <see cref="CompletionMonitor"/>; defining it again with the same body changes nothing.</summary>
    public async Task MarkCompleteAsync(string modelId, CancellationToken cancellationToken = default)
    {
        var monitor = new JsonObject
        {
            ["kind"] = "drift",
            ["target"] = "temp_max",
            ["measure"] = "psi",
            ["threshold"] = 0.2,
            ["baseline"] = Baseline,
            ["version"] = Version,
            ["environment"] = "production",
            ["window"] = "30d",
            ["minCount"] = 30,
        };
        using var response = await client.PutAsJsonAsync($"/v1/models/{modelId}/monitors/{CompletionMonitor}", monitor, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }
}
