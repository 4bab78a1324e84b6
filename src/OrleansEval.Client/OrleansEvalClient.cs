using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Grpc.Net.Client;

namespace OrleansEval.Client;

/// <summary>
/// A client of the OrleansEval HTTP API (and, given a channel, its gRPC alert stream). It does not own the
/// <see cref="HttpClient"/> or the channel; their base address is the server's.
/// </summary>
/// <param name="http">Sends the HTTP requests; its <see cref="HttpClient.BaseAddress"/> is the server.</param>
/// <param name="grpc">A channel to the server's gRPC endpoint, for <see cref="WatchAlertsGrpcAsync"/>.</param>
public sealed partial class OrleansEvalClient(HttpClient http, GrpcChannel? grpc = null)
{
    /// <summary>Header that names a batch, so that sending it again is applied once.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>How many times a request refused with 429 is sent again, after the wait its Retry-After asks for.</summary>
    public int MaxOverloadRetries { get; init; } = 5;

    /// <summary>The longest wait between two tries, whatever Retry-After says.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait before an alert watch reconnects after its stream ended or broke.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The API key sent with every request (<c>Authorization: Bearer</c>, and the same gRPC metadata); null sends none,
    /// for a development server on loopback that runs without keys.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>Registers a model or changes its definition; true when it was created.</summary>
    public async Task<bool> PutModelAsync(string modelId, ModelDefinition model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"v1/models/{Uri.EscapeDataString(modelId)}") { Content = JsonContent.Create(model, options: Json) };
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return response.StatusCode == HttpStatusCode.Created;
    }

    /// <summary>
    /// Sends records as one batch. A 429 (the store is at capacity and kept nothing) is retried after its Retry-After,
    /// at most <see cref="MaxOverloadRetries"/> times, under the same idempotency key.
    /// </summary>
    public async Task<IngestAnswer> SendRecordsAsync(string modelId, IReadOnlyList<PredictionRecord> records, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var body = RequestJson.Records(records);
        var answer = await SendWithRetriesAsync<RecordsReply>($"v1/models/{Uri.EscapeDataString(modelId)}/records", body, idempotencyKey, cancellationToken);
        return new IngestAnswer(answer.Accepted, answer.Rejected);
    }

    /// <summary>Sends late actuals; retried on 429 like <see cref="SendRecordsAsync"/>.</summary>
    public async Task<ActualsAnswer> SendActualsAsync(string modelId, IReadOnlyList<LateActual> actuals, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actuals);
        var body = RequestJson.Actuals(actuals);
        var answer = await SendWithRetriesAsync<ActualsReply>($"v1/models/{Uri.EscapeDataString(modelId)}/actuals", body, idempotencyKey, cancellationToken);
        return new ActualsAnswer(answer.Accepted, answer.Rejected, [.. answer.Unmatched.Select(u => (u.Index, u.PredictionId))]);
    }

    /// <summary>The drift of every column in <c>[from, to)</c> against a frozen baseline, as the API's JSON document.</summary>
    public Task<JsonDocument> GetDriftAsync(string modelId, string baseline, DateTimeOffset? from = null, DateTimeOffset? to = null,
        string? version = null, string? environment = null, CancellationToken cancellationToken = default) =>
        GetJsonAsync(
            $"v1/models/{Uri.EscapeDataString(modelId)}/drift",
            [("baseline", baseline), ("version", version), ("environment", environment), ("from", Time(from)), ("to", Time(to))],
            cancellationToken);

    /// <summary>Realised and estimated performance of a slice (default "all"), as the API's JSON document.</summary>
    /// <param name="modelId">The model.</param>
    /// <param name="from">Start of the window; the day before <paramref name="to"/> when null.</param>
    /// <param name="to">End of the window; now when null.</param>
    /// <param name="version">Model version; "default" when null.</param>
    /// <param name="environment">Environment; production when null.</param>
    /// <param name="slice">The slice; the whole model when null.</param>
    /// <param name="granularity">Step of the time series: a bucket multiple such as "1d", or "month".</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<JsonDocument> GetPerformanceAsync(string modelId, DateTimeOffset? from = null, DateTimeOffset? to = null, string? version = null,
        string? environment = null, string? slice = null, string? granularity = null, CancellationToken cancellationToken = default) =>
        GetJsonAsync(
            $"v1/models/{Uri.EscapeDataString(modelId)}/performance",
            [("version", version), ("environment", environment), ("from", Time(from)), ("to", Time(to)), ("slice", slice), ("granularity", granularity)],
            cancellationToken);

    private static string? Time(DateTimeOffset? time) => time is { } t ? RequestJson.Time(t) : null;

    private async Task<JsonDocument> GetJsonAsync(string path, (string Name, string? Value)[] query, CancellationToken cancellationToken)
    {
        var parameters = string.Join('&', query.Where(q => q.Value is not null).Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value!)}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, parameters.Length == 0 ? path : $"{path}?{parameters}");
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
    }

    private async Task<T> SendWithRetriesAsync<T>(string path, byte[] body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        // One key for every try: a batch that did get through before its answer was lost is not counted twice.
        var key = idempotencyKey ?? Guid.NewGuid().ToString("N");
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(IdempotencyHeader, key);
            using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxOverloadRetries)
            {
                await Task.Delay(RetryDelay(response.Headers.RetryAfter), cancellationToken);
                continue;
            }

            await EnsureSuccessAsync(response, cancellationToken);
            return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
        }
    }

    // Every HTTP request goes through here, so each carries the key.
    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        if (ApiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        }

        return http.SendAsync(request, completion, cancellationToken);
    }

    private TimeSpan RetryDelay(RetryConditionHeaderValue? retryAfter)
    {
        var delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.FromSeconds(1));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string? field = null;
        var message = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                var problem = await response.Content.ReadFromJsonAsync<ProblemReply>(Json, cancellationToken);
                field = problem?.Field;
                message = problem?.Detail ?? problem?.Title ?? message;
            }
            catch (JsonException)
            {
                // Not a problem document after all: the status line says enough.
            }
        }

        throw new OrleansEvalException(response.StatusCode, field, message);
    }

    private sealed record RecordsReply(int Accepted, List<Rejection> Rejected);

    private sealed record ActualsReply(int Accepted, List<Rejection> Rejected, List<UnmatchedReply> Unmatched);

    private sealed record UnmatchedReply(int Index, string PredictionId);

    private sealed record ProblemReply(string? Title, string? Detail, string? Field);
}
