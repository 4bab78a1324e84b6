using System.Collections.Concurrent;

namespace OrleansEval.Client.Tests;

/// <summary>Answers each request with the next of a list of responses and keeps the requests (with their bodies) it saw.</summary>
internal sealed class StubHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] answers) : HttpMessageHandler
{
    private int _next;

    public ConcurrentQueue<(HttpRequestMessage Request, string? Body)> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request, body));
        var index = Interlocked.Increment(ref _next) - 1;
        if (index >= answers.Length)
        {
            // Past the script: a stream that never ends until the caller gives up.
            await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken);
        }

        return answers[index](request);
    }
}
