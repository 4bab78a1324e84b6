using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansEval.Client;

/// <summary>The reads that explain a change — root cause, the comparison of versions, per-example skew — and validations.</summary>
public sealed partial class OrleansEvalClient
{
    /// <summary>
    /// Versions compared on the prediction ids they all scored, per slice, with a paired test against the champion and
    /// advice on which to promote, as the API's JSON document.
    /// </summary>
    /// <param name="modelId">The model.</param>
    /// <param name="versions">The champion first, then the candidates: <c>version</c> or <c>version@environment</c>.</param>
    /// <param name="from">Start of the window; the day before <paramref name="to"/> when null.</param>
    /// <param name="to">End of the window; now when null.</param>
    /// <param name="metric">accuracy, errorRate, rocAuc, logLoss, brier, mae or squaredError; the task's default when null.</param>
    /// <param name="baseline">The baseline whose cut points bin numeric features into slices; the latest when null.</param>
    /// <param name="minSize">The smallest slice answered; max(32, 1 % of the paired rows) when null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<JsonDocument> CompareAsync(string modelId, IReadOnlyList<string> versions, DateTimeOffset? from = null, DateTimeOffset? to = null,
        string? metric = null, string? baseline = null, int? minSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versions);
        return GetJsonAsync(
            $"v1/models/{Uri.EscapeDataString(modelId)}/compare",
            [("versions", string.Join(',', versions)), ("from", Time(from)), ("to", Time(to)), ("metric", metric), ("baseline", baseline),
             ("minSize", minSize?.ToString(CultureInfo.InvariantCulture))],
            cancellationToken);
    }

    /// <summary>
    /// The rows two series kept for the same prediction ids (features computed offline and online), compared feature by
    /// feature, as the API's JSON document.
    /// </summary>
    /// <param name="modelId">The model.</param>
    /// <param name="reference">The reference series: an environment (training, validation) or <c>version@environment</c>.</param>
    /// <param name="current">The current series; production when null.</param>
    /// <param name="version">The version of a series named by its environment alone; "default" when null.</param>
    /// <param name="from">Start of the current window; the day before <paramref name="to"/> when null.</param>
    /// <param name="to">End of the current window; now when null.</param>
    /// <param name="tolerance">The relative difference under which two numbers are the same; 1e-6 when null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<JsonDocument> GetSkewAsync(string modelId, string reference, string? current = null, string? version = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, double? tolerance = null, CancellationToken cancellationToken = default) =>
        GetJsonAsync(
            $"v1/models/{Uri.EscapeDataString(modelId)}/skew",
            [("reference", reference), ("current", current), ("version", version), ("from", Time(from)), ("to", Time(to)),
             ("tolerance", tolerance?.ToString("R", CultureInfo.InvariantCulture))],
            cancellationToken);

    /// <summary>
    /// The exact contribution of each feature and bin to the change of a metric against a baseline, as the API's JSON
    /// document.
    /// </summary>
    /// <param name="modelId">The model.</param>
    /// <param name="baseline">The baseline; the latest when null.</param>
    /// <param name="from">Start of the window; the day before <paramref name="to"/> when null.</param>
    /// <param name="to">End of the window; now when null.</param>
    /// <param name="version">Model version; "default" when null.</param>
    /// <param name="environment">Environment; production when null.</param>
    /// <param name="metric">accuracy, errorRate, logLoss, brier, mae or squaredError; the task's default when null.</param>
    /// <param name="slice">A named slice to narrow both sides to; the whole series when null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<JsonDocument> GetRootCauseAsync(string modelId, string? baseline = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        string? version = null, string? environment = null, string? metric = null, string? slice = null, CancellationToken cancellationToken = default) =>
        GetJsonAsync(
            $"v1/models/{Uri.EscapeDataString(modelId)}/root-cause",
            [("baseline", baseline), ("version", version), ("environment", environment), ("from", Time(from)), ("to", Time(to)),
             ("metric", metric), ("slice", slice)],
            cancellationToken);

    /// <summary>
    /// Validates <paramref name="candidate"/> against <paramref name="reference"/> (each <c>version</c> or
    /// <c>version@environment</c>; production when no environment is named) per slice, with its inputs checked for drift
    /// against the production baseline <paramref name="productionBaseline"/>; the stored report, as the API's JSON document
    /// (its <c>id</c> reads it again with <see cref="GetValidationAsync"/>).
    /// </summary>
    /// <param name="modelId">The model.</param>
    /// <param name="candidate">The version to validate.</param>
    /// <param name="reference">The version it must not be worse than.</param>
    /// <param name="productionBaseline">The baseline of production inputs the candidate's inputs are compared with.</param>
    /// <param name="from">Start of the window; the day before <paramref name="to"/> when null.</param>
    /// <param name="to">End of the window; now when null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<JsonDocument> ValidateAsync(string modelId, string candidate, string reference, string productionBaseline,
        DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default)
    {
        var body = new Dictionary<string, object?>
        {
            ["candidate"] = SeriesBody(candidate),
            ["reference"] = SeriesBody(reference),
            ["production"] = new Dictionary<string, string> { ["baseline"] = productionBaseline },
            ["from"] = Time(from),
            ["to"] = Time(to),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/models/{Uri.EscapeDataString(modelId)}/validations")
        {
            Content = JsonContent.Create(body.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value), options: Json),
        };
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
    }

    /// <summary>A stored validation report, as the API's JSON document.</summary>
    public Task<JsonDocument> GetValidationAsync(string modelId, string validationId, CancellationToken cancellationToken = default) =>
        GetJsonAsync($"v1/models/{Uri.EscapeDataString(modelId)}/validations/{Uri.EscapeDataString(validationId)}", [], cancellationToken);

    private static Dictionary<string, string> SeriesBody(string series)
    {
        var at = series.IndexOf('@', StringComparison.Ordinal);
        return at < 0
            ? new Dictionary<string, string> { ["version"] = series }
            : new Dictionary<string, string> { ["version"] = series[..at], ["environment"] = series[(at + 1)..] };
    }
}
