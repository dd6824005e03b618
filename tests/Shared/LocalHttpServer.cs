using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AlexNet.Tests.Shared;

/// <summary>How the server answers one path.</summary>
/// <param name="Body">The bytes to serve.</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="CutAfter">Close the connection after this many body bytes, while Content-Length announces all of them.</param>
/// <param name="StallAfter">Stop sending after this many body bytes and keep the connection open.</param>
/// <param name="Endless">Announce no Content-Length and repeat the body until the client hangs up.</param>
public sealed record ServedFile(byte[] Body, int Status = 200, int? CutAfter = null, int? StallAfter = null, bool Endless = false);

/// <summary>A minimal HTTP/1.1 server on 127.0.0.1 and an ephemeral port, serving fixed bytes per path. No test touches the internet.</summary>
public sealed class LocalHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, ServedFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private long _endlessBytesSent;

    public LocalHttpServer()
    {
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
        _ = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The server's address, ending in "/".</summary>
    public string BaseUrl { get; }

    public Uri UrlOf(string path) => new(BaseUrl + path);

    public void Serve(string path, ServedFile file) => _files[path] = file;

    public int RequestsFor(string path) => _requests.TryGetValue(path, out int n) ? n : 0;

    /// <summary>Body bytes written so far for endless files (until each client hung up).</summary>
    public long EndlessBytesSent => Interlocked.Read(ref _endlessBytesSent);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                string path = await ReadRequestPathAsync(stream);
                _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
                if (!_files.TryGetValue(path, out ServedFile? file))
                {
                    file = new ServedFile([], Status: 404);
                }

                string reason = file.Status == 200 ? "OK" : file.Status == 404 ? "Not Found" : "Error";
                string length = file.Endless ? string.Empty : $"Content-Length: {file.Body.Length}\r\n";
                string headers = $"HTTP/1.1 {file.Status} {reason}\r\n{length}Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(headers), _stop.Token);
                while (file.Endless)
                {
                    await stream.WriteAsync(file.Body, _stop.Token);
                    Interlocked.Add(ref _endlessBytesSent, file.Body.Length);
                }

                int send = Math.Min(file.Body.Length, file.CutAfter ?? file.StallAfter ?? file.Body.Length);
                await stream.WriteAsync(file.Body.AsMemory(0, send), _stop.Token);
                await stream.FlushAsync(_stop.Token);
                if (file.StallAfter is not null)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or System.IO.IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    private static async Task<string> ReadRequestPathAsync(NetworkStream stream)
    {
        var request = new StringBuilder();
        byte[] buffer = new byte[1024];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int n = await stream.ReadAsync(buffer);
            if (n == 0)
            {
                break;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        string[] requestLine = request.ToString().Split("\r\n")[0].Split(' ');
        return requestLine.Length > 1 ? requestLine[1].TrimStart('/') : string.Empty;
    }
}
