using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace PolicyNews.HostileTraffic;

/// <summary>What came back for one request: a status, or no answer at all (and why).</summary>
public sealed record Outcome(int? Status, string? Error, TimeSpan Elapsed);

/// <summary>
/// HTTP/1.1 over a plain socket, one connection per request. HttpClient (and curl) refuse to send
/// most of what this tool is for — control characters and lone surrogates in the request line and
/// headers, malformed percent-escapes, arbitrary method tokens — so the bytes are written as they are.
/// </summary>
public static class RawHttp
{
    public static async Task<Outcome> SendAsync(string host, int port, byte[] request, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        using var cancel = new CancellationTokenSource(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var received = new MemoryStream();
        string? writeError = null;
        try
        {
            await socket.ConnectAsync(host, port, cancel.Token);
            try
            {
                // No half-close after it: a server may take the client's FIN for a client gone away.
                await socket.SendAsync(request, SocketFlags.None, cancel.Token);
            }
            catch (SocketException e)
            {
                // The server may answer (413, 431…) and close before reading everything: read what it said.
                writeError = e.SocketErrorCode.ToString();
            }

            var buffer = new byte[16 * 1024];
            while (true)
            {
                int read;
                try
                {
                    read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
                }
                catch (SocketException e) when (StatusOf(received) is not null)
                {
                    _ = e;   // a reset after the status line: the answer is what counts
                    break;
                }
                if (read == 0)
                    break;
                received.Write(buffer, 0, read);
                // Connection: close was asked for, but a status is all this tool needs once the
                // headers are in (a long body need not be read to the end).
                if (received.Length > 64 * 1024 && StatusOf(received) is not null)
                    break;
            }
        }
        catch (OperationCanceledException)
        {
            return new Outcome(StatusOf(received), StatusOf(received) is null ? $"no answer within {timeout.TotalSeconds:0} s" : null, Stopwatch.GetElapsedTime(started));
        }
        catch (SocketException e)
        {
            return new Outcome(StatusOf(received), StatusOf(received) is null ? $"socket: {e.SocketErrorCode}" : null, Stopwatch.GetElapsedTime(started));
        }

        var status = StatusOf(received);
        var error = status is not null ? null
            : received.Length == 0 ? $"closed without an answer{(writeError is null ? "" : $" (write: {writeError})")}"
            : "not an HTTP answer: " + Encoding.Latin1.GetString(received.ToArray()[..(int)Math.Min(80, received.Length)]);
        return new Outcome(status, error, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The status code of "HTTP/1.x NNN …", once the first line is in.</summary>
    static int? StatusOf(MemoryStream received)
    {
        var bytes = received.GetBuffer().AsSpan(0, (int)received.Length);
        var end = bytes.IndexOf((byte)'\n');
        if (end < 0)
            return null;
        var line = Encoding.Latin1.GetString(bytes[..end]);
        return line.StartsWith("HTTP/1.", StringComparison.Ordinal) && line.Length >= 12 && int.TryParse(line.AsSpan(9, 3), out var status)
            ? status : null;
    }
}
