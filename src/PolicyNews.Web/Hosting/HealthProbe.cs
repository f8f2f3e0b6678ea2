using System.Net;

namespace PolicyNews.Web.Hosting;

/// <summary>
/// <c>dotnet PolicyNews.Web.dll --healthcheck [URL]</c>: asks a running portal for URL (default
/// <see cref="DefaultUrl"/>), prints one line, and exits 0 when it answered 200, else 1 — what
/// Docker's HEALTHCHECK expects. The container runs this because the ASP.NET runtime image carries
/// no HTTP client (curl and wget were left out of the .NET images from .NET 5 on, to keep their
/// attack surface small), and a bash /dev/tcp probe would only show that the port is open. No host
/// is built: it starts the runtime, sends one request, and exits.
/// When <c>Site:PublicUrl</c> is configured (the same environment as the portal), the request
/// carries that host, which host filtering lets through (it answers 400 to any other host). The
/// health endpoints come before the https redirect, so plain http on loopback is answered.
/// </summary>
public static class HealthProbe
{
    public const string Flag = "--healthcheck";
    public const string DefaultUrl = "http://127.0.0.1:8080" + Health.ReadyPath;
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static bool IsRequested(string[] args) => args is [Flag, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var url = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            output.WriteLine($"unhealthy: '{url}' is not an http(s) URL");
            return 1;
        }

        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (PublicUrl(args) is { } publicUrl)
            request.Headers.Host = publicUrl.Authority;
        try
        {
            using var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                output.WriteLine($"healthy: {url} answered 200");
                return 0;
            }
            var body = await response.Content.ReadAsStringAsync();
            output.WriteLine($"unhealthy: {url} answered {(int)response.StatusCode}: {OneLine(body)}");
            return 1;
        }
        catch (HttpRequestException ex)
        {
            output.WriteLine($"unhealthy: cannot reach {url}: {ex.Message}");
            return 1;
        }
        catch (TaskCanceledException)
        {
            output.WriteLine($"unhealthy: {url} did not answer within {Timeout.TotalSeconds:0} s");
            return 1;
        }
    }

    static Uri? PublicUrl(string[] args)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a != Flag).ToArray())
            .Build();
        return Uri.TryCreate(configuration["Site:PublicUrl"], UriKind.Absolute, out var uri) ? uri : null;
    }

    static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\r', '\n', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
