using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansEval.Server.Demo;

/// <summary>
/// Replays the bundled weather scenario (Seattle and New York daily weather 2012–2015, a wet-day classifier) through
/// the HTTP API: registers the model, sends 2012 as the training set, freezes it as the "training" baseline, then
/// sends 2013–2015 as production traffic. Every step may be repeated: a replay that was interrupted is finished by
/// running it again (see <see cref="ReplayAsync"/>).
/// </summary>
public sealed partial class WeatherScenario(HttpClient client, string dataDirectory)
{
    /// <summary>File of the 2012 records, scored out of fold: the training set.</summary>
    public const string ReferenceFile = "scenario-weather-reference.jsonl";

    /// <summary>File of the 2013–2015 records: production traffic.</summary>
    public const string ProductionFile = "scenario-weather-production.jsonl";

    /// <summary>Model version every record is sent under.</summary>
    public const string Version = "v1";

    /// <summary>Name of the frozen training baseline.</summary>
    public const string Baseline = "training";

    /// <summary>Records per batch: the whole scenario is 7 batches.</summary>
    public const int DemoBatchSize = 500;

    private const string IdempotencyHeader = "Idempotency-Key";
    private const int RefusedBatchAttempts = 5;
    private static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(5);

    private static readonly string[] Numeric = ["temp_max", "temp_min", "temp_range", "wind"];

    /// <summary>The Idempotency-Key of batch <paramref name="number"/> (from 0) of an environment's file: <c>demo-{modelId}-{environment}-{number}</c>.</summary>
    public static string BatchKey(string modelId, string environment, int number) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"demo-{modelId}-{environment}-{number}");

    /// <summary>Registers <paramref name="modelId"/> with the scenario's schema.</summary>
    public async Task RegisterAsync(string modelId, CancellationToken cancellationToken = default)
    {
        var model = new JsonObject
        {
            ["task"] = "binary_classification",
            ["positiveLabel"] = "1",
            ["negativeLabel"] = "0",
            ["threshold"] = 0.5,
            ["bucket"] = "1h",
            ["features"] = new JsonArray(
                [new JsonObject { ["name"] = "location", ["type"] = "categorical" }, .. Numeric.Select(n => (JsonNode)new JsonObject { ["name"] = n, ["type"] = "numeric" })]),
        };
        using var response = await client.PutAsJsonAsync($"/v1/models/{modelId}", model, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>
    /// Sends a scenario file's records as <paramref name="environment"/>, in batches; returns how many were accepted.
    /// With <paramref name="keyed"/>, batch n carries the Idempotency-Key <see cref="BatchKey"/>, so sending the file
    /// again applies none of the batches twice; the first <paramref name="skipBatches"/> batches are not sent.
    /// </summary>
    public async Task<int> SendAsync(
        string modelId,
        string file,
        string environment,
        int batchSize = DemoBatchSize,
        bool withActuals = true,
        bool keyed = false,
        int skipBatches = 0,
        Func<JsonObject, JsonObject>? rescore = null,
        CancellationToken cancellationToken = default)
    {
        var accepted = 0;
        var batches = File.ReadLines(Path.Combine(dataDirectory, file)).Where(l => l.Length > 0).Chunk(batchSize);
        foreach (var (number, batch) in batches.Index().Skip(skipBatches))
        {
            var body = new StringBuilder();
            foreach (var line in batch)
            {
                var record = ToRecord(line, environment, withActuals);
                body.Append((rescore is null ? record : rescore(record)).ToJsonString()).Append('\n');
            }

            using var response = await PostAsync(modelId, body.ToString(), keyed ? BatchKey(modelId, environment, number) : null, cancellationToken);
            await EnsureSuccessAsync(response, cancellationToken);
            var answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            accepted += answer!["accepted"]!.GetValue<int>();
        }

        return accepted;
    }

    // A 429 or 503 kept nothing: the batch is sent again after its Retry-After (at most 5 s), a bounded number of times.
    private async Task<HttpResponseMessage> PostAsync(string modelId, string body, string? key, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/models/{modelId}/records")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson"),
            };
            if (key is not null)
            {
                request.Headers.Add(IdempotencyHeader, key);
            }

            var response = await client.SendAsync(request, cancellationToken);
            if (attempt == RefusedBatchAttempts || response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryWait ? MaxRetryWait : wait, cancellationToken);
        }
    }

    /// <summary>Freezes the training baseline, with explicit cut points per feature when given.</summary>
    public async Task FreezeBaselineAsync(string modelId, IReadOnlyDictionary<string, double[]>? edges = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["version"] = Version, ["environment"] = "training", ["bins"] = 10 };
        if (edges is not null)
        {
            body["edges"] = JsonSerializer.SerializeToNode(edges);
        }

        using var response = await client.PutAsJsonAsync($"/v1/models/{modelId}/baselines/{Baseline}", body, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>
    /// The whole scenario: register, training set, baseline, production — or what is left of it after an interrupted
    /// replay. Registering again is a no-op; the training set and the baseline are skipped when the baseline exists
    /// (it is frozen only once the whole training set was acknowledged, and sending training records after it would
    /// slice them by its bins, which a replay in one go does not); the batches carry their <see cref="BatchKey"/>, so
    /// those an earlier replay applied are not applied again.
    /// </summary>
    public async Task ReplayAsync(string modelId, CancellationToken cancellationToken = default)
    {
        await RegisterAsync(modelId, cancellationToken);
        if (!await HasBaselineAsync(modelId, cancellationToken))
        {
            await SendAsync(modelId, ReferenceFile, "training", keyed: true, cancellationToken: cancellationToken);
            await FreezeBaselineAsync(modelId, cancellationToken: cancellationToken);
        }

        // Batches are sent one after another and each is applied whole, so the records already counted are whole
        // batches: those are skipped, which holds however long after the interrupted start this one comes (the keys
        // alone are remembered for the idempotency window only). A batch cut off half-way is sent again under its key.
        var counted = await CountAsync(modelId, "production", cancellationToken: cancellationToken);
        await SendAsync(modelId, ProductionFile, "production", keyed: true, skipBatches: (int)(counted / DemoBatchSize), cancellationToken: cancellationToken);

        // The challenger scores the same production days in shadow, so the two versions can be compared.
        var shadow = await CountAsync(modelId, "shadow", WeatherChallenger.Version, cancellationToken);
        await SendAsync(modelId, ProductionFile, "shadow", keyed: true, skipBatches: (int)(shadow / DemoBatchSize), rescore: WeatherChallenger.Rescore, cancellationToken: cancellationToken);
    }

    /// <summary>How many records of <paramref name="version"/> (the scenario's by default) the model has counted in <paramref name="environment"/>.</summary>
    public async Task<long> CountAsync(string modelId, string environment, string version = Version, CancellationToken cancellationToken = default)
    {
        using var response = await client.GetAsync($"/v1/models/{modelId}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var model = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return model!["series"]!.AsArray()
            .Select(s => s!.AsObject())
            .Where(s => s["version"]!.GetValue<string>() == version && s["environment"]!.GetValue<string>() == environment)
            .Sum(s => s["records"]?.GetValue<long>() ?? 0);
    }

    /// <summary>Whether the model has the scenario's <see cref="Baseline"/>.</summary>
    public async Task<bool> HasBaselineAsync(string modelId, CancellationToken cancellationToken = default)
    {
        using var response = await client.GetAsync($"/v1/models/{modelId}/baselines/{Baseline}", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    /// <summary>Maps a scenario line to the API's record shape.</summary>
    public static JsonObject ToRecord(string line, string environment, bool withActual)
    {
        var source = JsonNode.Parse(line)!.AsObject();
        var record = new JsonObject
        {
            ["predictionId"] = source["prediction_id"]!.GetValue<string>(),
            ["timestamp"] = source["timestamp"]!.GetValue<string>(),
            ["version"] = Version,
            ["environment"] = environment,
            ["features"] = source["features"]!.DeepClone(),
            ["prediction"] = new JsonObject
            {
                ["label"] = source["prediction"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["score"] = source["score"]!.GetValue<double>(),
            },
        };
        if (withActual)
        {
            record["actual"] = new JsonObject { ["label"] = source["actual"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        return record;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {detail}", null, response.StatusCode);
        }
    }
}
