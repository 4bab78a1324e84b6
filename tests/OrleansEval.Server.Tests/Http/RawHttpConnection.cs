using System.Net.Sockets;
using System.Text;

namespace OrleansEval.Server.Tests.Http;

/// <summary>
/// One HTTP/1.1 connection over a plain socket to 127.0.0.1, for requests no HttpClient would send: bodies that stall short
/// of their declared length, broken chunks, bytes trickled one at a time, connections reset mid-body.
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly byte[] _answer = new byte[4096];
    private Task<int>? _reading;

    public static async Task<RawHttpConnection> OpenAsync(Uri server)
    {
        var connection = new RawHttpConnection();
        await connection._socket.ConnectAsync("127.0.0.1", server.Port);
        connection._reading = connection._socket.ReceiveAsync(connection._answer, SocketFlags.None);
        return connection;
    }

    /// <summary>True once the server answered or closed the connection.</summary>
    public bool Answered => _reading!.IsCompleted;

    /// <summary>The request line and headers of a POST to <paramref name="path"/>, ended by the blank line.</summary>
    public static string Head(string path, string headers) =>
        $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{headers}\r\n";

    public Task SendAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None);

    /// <summary>Drops the connection with a reset, as a client that crashed would.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <summary>
    /// The status code of the server's answer, or null when it closed (or reset) the connection without one; throws
    /// <see cref="TimeoutException"/> when neither happened within <paramref name="timeout"/>.
    /// </summary>
    public async Task<int?> StatusAsync(TimeSpan timeout)
    {
        int read;
        try
        {
            read = await _reading!.WaitAsync(timeout);
        }
        catch (SocketException)
        {
            return null;
        }

        // "HTTP/1.1 408 ..." — the status is the second word of the first line.
        var line = Encoding.ASCII.GetString(_answer, 0, read).Split("\r\n")[0].Split(' ');
        return read == 0 || line.Length < 2 ? null : int.Parse(line[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _socket.Dispose();
}
