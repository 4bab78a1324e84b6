using System.Net;

namespace OrleansEval.Server.Tests.Http;

/// <summary>A JSON body that sends its first byte, then nothing more until the test releases it.</summary>
internal sealed class HeldContent : HttpContent
{
    private readonly byte[] _body;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeldContent(string json)
    {
        _body = System.Text.Encoding.UTF8.GetBytes(json);
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    }

    public void Release() => _release.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_body.AsMemory(0, 1));
        await stream.FlushAsync();
        await _release.Task;
        await stream.WriteAsync(_body.AsMemory(1));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
