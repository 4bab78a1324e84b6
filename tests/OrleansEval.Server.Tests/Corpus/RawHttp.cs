using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansEval.Server.Tests.Corpus;

/// <summary>
/// Sends bytes no HTTP client would send over a plain socket and reads the answer: a complete response (status line,
/// headers, and the body its Content-Length or chunked framing announces) or the reason there was none.
/// </summary>
internal static class RawHttp
{
    private const string UnframedBody = "unframed body";

    /// <summary>What came back: the status, or 0 and the reason the response was incomplete.</summary>
    public sealed record Answer(int Status, string Head, int BodyLength, string? Fault);

    /// <summary>
    /// Writes <paramref name="request"/>; when <paramref name="halfClose"/> the sending side is then shut, as a client
    /// that stops mid-body does. Reads until the server closes or the response is complete.
    /// </summary>
    public static async Task<Answer> SendAsync(IPEndPoint endpoint, byte[] request, bool halfClose, TimeSpan timeout)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        try
        {
            await socket.ConnectAsync(endpoint, deadline.Token);
            await socket.SendAsync(request, SocketFlags.None, deadline.Token);
            if (halfClose)
            {
                socket.Shutdown(SocketShutdown.Send);
            }

            var buffer = new byte[64 * 1024];
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
                if (Parse(received.ToArray()) is { Fault: null } complete)
                {
                    return complete;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return Parse(received.ToArray()) with { Fault = $"no complete response within {timeout.TotalSeconds:0} s" };
        }
        catch (SocketException e)
        {
            var partial = Parse(received.ToArray());
            return partial.Fault is null ? partial : partial with { Fault = $"connection dropped ({e.SocketErrorCode})" };
        }

        // The server closed: an unframed body is complete now.
        var answer = Parse(received.ToArray());
        return answer.Fault == UnframedBody ? answer with { Fault = null } : answer;
    }

    private static Answer Parse(byte[] data)
    {
        var text = Encoding.Latin1.GetString(data);
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headEnd < 0)
        {
            return new Answer(0, text, 0, data.Length == 0 ? "connection closed without a response" : "response head incomplete");
        }

        var head = text[..headEnd];
        var parts = head.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            return new Answer(0, head, 0, "not an HTTP response");
        }

        var body = text[(headEnd + 4)..];
        var length = Header(head, "Content-Length");
        if (length is not null)
        {
            var expected = int.Parse(length, CultureInfo.InvariantCulture);
            return new Answer(status, head, body.Length, body.Length >= expected ? null : "body shorter than its Content-Length");
        }

        if (Header(head, "Transfer-Encoding") is { } encoding && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return new Answer(status, head, body.Length, body.EndsWith("0\r\n\r\n", StringComparison.Ordinal) ? null : "chunked body not terminated");
        }

        // Neither framing: the body ends when the server closes, which the caller waits for.
        return new Answer(status, head, body.Length, status is 204 or 304 or (>= 100 and < 200) ? null : UnframedBody);
    }

    private static string? Header(string head, string name)
    {
        foreach (var line in head.Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}
