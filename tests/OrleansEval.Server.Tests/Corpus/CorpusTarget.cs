using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OrleansEval.Server.Tests.Corpus;

/// <summary>The server the corpus is sent to, with the clients that send it and the checks every answer must pass.</summary>
internal sealed class CorpusTarget(KestrelServer server, string modelId) : IDisposable
{
    /// <summary>Longest answer accepted to a refused request: rejections quote at most 100 characters of what was sent.</summary>
    public const int MaxProblemLength = 8 * 1024;

    // gRPC statuses a well-framed message may earn: answered, refused with a reason, or asked to retry.
    private static readonly HashSet<int> ReasonedStatuses = [0, 3, 5, 8, 9];

    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
    {
        BaseAddress = server.HttpAddress,
        Timeout = TimeSpan.FromSeconds(20),
    };

    private readonly HttpClient _grpc = new(new SocketsHttpHandler())
    {
        BaseAddress = new Uri($"http://{server.Grpc}"),
        Timeout = TimeSpan.FromSeconds(20),
    };

    public string ModelId { get; } = modelId;

    public KestrelServer Server { get; } = server;

    /// <summary>Sends an HTTP/1.1 request; fails on a 5xx, a dropped connection, or an answer that echoes too much.</summary>
    public async Task<string?> HttpAsync(HttpMethod method, string path, byte[]? body, string? contentType = "application/json", IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await _http.SendAsync(request);
            var answer = await response.Content.ReadAsByteArrayAsync();
            var status = (int)response.StatusCode;
            return status >= 500 ? $"{status} {Excerpt(answer)}"
                : status >= 400 && answer.Length > MaxProblemLength ? $"{status} with a {answer.Length}-byte answer"
                : null;
        }
        catch (HttpRequestException e)
        {
            return $"no complete response: {e.Message}";
        }
    }

    /// <summary>
    /// Writes raw bytes to the HTTP/1.1 port; fails without a complete response or on a 5xx. A client that shut its
    /// sending side has left, so there only a 5xx fails. <paramref name="protocolStatus"/> is a 5xx that HTTP itself
    /// prescribes for the request (505 for an unknown version).
    /// </summary>
    public async Task<string?> RawAsync(byte[] request, bool halfClose, TimeSpan timeout, int? protocolStatus = null)
    {
        var answer = await RawHttp.SendAsync(Server.Http, request, halfClose, timeout);
        if (answer.Fault is null && answer.Status == protocolStatus)
        {
            return null;
        }

        return answer.Fault is not null && !(halfClose && answer.Status == 0) ? $"{answer.Fault}: {Excerpt(Encoding.Latin1.GetBytes(answer.Head))}"
            : answer.Status >= 500 ? $"{answer.Status}: {Excerpt(Encoding.Latin1.GetBytes(answer.Head))}"
            : null;
    }

    /// <summary>
    /// Posts a gRPC request body (already framed) to <paramref name="method"/>; fails without a grpc-status, on
    /// UNKNOWN, and, unless the framing itself is broken, on any status but OK or a reasoned refusal.
    /// </summary>
    public async Task<string?> GrpcAsync(string method, byte[] framed, bool brokenFraming, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/orleanseval.v1.OrleansEval/{method}")
        {
            Content = new ByteArrayContent(framed),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await _grpc.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var status = Value(response, "grpc-status");
            var message = Uri.UnescapeDataString(Value(response, "grpc-message") ?? string.Empty);
            if (response.StatusCode != HttpStatusCode.OK || status is null || !int.TryParse(status, out var code))
            {
                return $"HTTP {(int)response.StatusCode} without a grpc-status: {Excerpt(body)}";
            }

            return code == 2 || (!brokenFraming && !ReasonedStatuses.Contains(code)) ? $"grpc-status {code} {message}"
                : message.Length > MaxProblemLength ? $"grpc-status {code} with a {message.Length}-character message"
                : null;
        }
        catch (HttpRequestException e)
        {
            return $"no complete response: {e.Message}";
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _grpc.Dispose();
    }

    private static string? Value(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var trailer) ? trailer.FirstOrDefault()
        : response.Headers.TryGetValues(name, out var header) ? header.FirstOrDefault()
        : null;

    private static string Excerpt(byte[] answer) => Encoding.UTF8.GetString(answer, 0, Math.Min(answer.Length, 300));
}
