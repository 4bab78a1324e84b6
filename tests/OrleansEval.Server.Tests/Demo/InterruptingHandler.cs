namespace OrleansEval.Server.Tests.Demo;

/// <summary>
/// Passes requests on until the <c>n</c>-th record batch: that one reaches the server, but its answer is lost and the
/// client sees the connection fail, as when the process replaying the demo is stopped mid-request. Every later request
/// fails the same way.
/// </summary>
public sealed class InterruptingHandler(int batches) : DelegatingHandler
{
    private int _sent;

    /// <summary>Whether the replay was cut off.</summary>
    public bool Interrupted => Volatile.Read(ref _sent) >= batches;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Interrupted)
        {
            throw new HttpRequestException("the replay was interrupted");
        }

        var response = await base.SendAsync(request, cancellationToken);
        var isBatch = request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/records", StringComparison.Ordinal);
        if (isBatch && Interlocked.Increment(ref _sent) == batches)
        {
            response.Dispose();
            throw new HttpRequestException($"the replay was interrupted after batch {batches} reached the server");
        }

        return response;
    }
}
