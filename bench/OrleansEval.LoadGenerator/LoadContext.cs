using System.Globalization;
using OrleansEval.Client;

namespace OrleansEval.LoadGenerator;

/// <summary>What every mode shares: the HTTP client, the run's id, model registration and the end check.</summary>
internal sealed class LoadContext(HttpClient http, Options options)
{
    public HttpClient Http => http;

    public OrleansEvalClient Client { get; } = new(http);

    /// <summary>Names this run's models and keys, so that runs against the same server never share them.</summary>
    public string Run { get; } = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    public EndCheck EndCheck { get; } = new(http, TimeSpan.FromSeconds(options.SettleSeconds));

    public async Task RegisterAsync(IReadOnlyList<string> models, ModelDefinition definition) =>
        await Parallel.ForEachAsync(
            models,
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency },
            async (model, cancellationToken) => await Client.PutModelAsync(model, definition, cancellationToken));
}
