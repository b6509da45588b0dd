using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reco.Tests.Data.Download;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 that serves fixed byte arrays by path and answers 404
/// for anything else. One request per connection; enough for download tests without a network.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, byte[]> _files;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private int _requestCount;

    public LoopbackHttpServer(Dictionary<string, byte[]> files)
    {
        _files = files;
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int RequestCount => Volatile.Read(ref _requestCount);

    public Uri UriFor(string path) => new($"http://127.0.0.1:{Port}{path}");

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Stop();
        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by the listener being stopped under it.
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            NetworkStream stream = client.GetStream();
            string? path = await ReadRequestPathAsync(stream);
            if (path is null)
            {
                return;
            }

            Interlocked.Increment(ref _requestCount);
            bool found = _files.TryGetValue(path, out byte[]? body);
            body ??= "not found"u8.ToArray();
            string status = found ? "200 OK" : "404 Not Found";
            string contentType = found ? "application/zip" : "text/plain";
            string head = $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(body);
        }
    }

    private static async Task<string?> ReadRequestPathAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        byte[] buffer = new byte[4096];
        while (!EndsWithBlankLine(received))
        {
            int read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return null;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        // Request line: "GET /path HTTP/1.1"
        string requestLine = Encoding.ASCII.GetString([.. received]).Split("\r\n")[0];
        string[] parts = requestLine.Split(' ');
        return parts.Length == 3 ? parts[1] : null;
    }

    private static bool EndsWithBlankLine(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';
}
