using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

namespace PolicyNews.BrowserTests;

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal and browser";
}

/// <summary>
/// The real portal, started as a separate process (dotnet PolicyNews.Web.dll) on a free loopback port
/// with a fresh database imported from seeds/, and one headless Debian Chromium shared by all tests.
/// Each test opens its own BrowserContext (see <see cref="NewSessionAsync"/>).
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly StringBuilder _serverLog = new();
    private Process? _server;
    private IPlaywright? _playwright;
    private string? _tempFolder;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go (artifacts/ is gitignored).</summary>
    public string ScreenshotFolder => Path.Combine(Repository.Root, "artifacts", "screenshots");

    public string ServerLog { get { lock (_serverLog) return _serverLog.ToString(); } }

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled) return;   // every test is skipped; start nothing

        _tempFolder = Path.Combine(Path.GetTempPath(), "policynews-browser-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_tempFolder);
        BaseUrl = $"http://127.0.0.1:{FreeLoopbackPort()}";
        StartServer();
        await WaitUntilServingAsync(TimeSpan.FromSeconds(90));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        StopServer();
        _server?.Dispose();
        if (_tempFolder is not null)
        {
            try { Directory.Delete(_tempFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>A fresh browser context (no cookies, no cache) with a page that records what it loads and logs.</summary>
    public async Task<PageSession> NewSessionAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseUrl;
        options.Locale ??= "zh-TW";
        var context = await Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        return new PageSession(context, page);
    }

    private void StopServer()
    {
        try
        {
            if (_server is { HasExited: false })
            {
                _server.Kill(entireProcessTree: true);
                _server.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { }   // never started, or already gone
    }

    private void StartServer()
    {
        var dll = WebAssemblyPath();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        start.ArgumentList.Add($"--Archive:Database={Path.Combine(_tempFolder!, "db.sqlite")}");
        start.ArgumentList.Add($"--Archive:Seeds={Repository.Seeds}{Path.DirectorySeparatorChar}");
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        _server = new Process { StartInfo = start, EnableRaisingEvents = true };
        _server.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_serverLog) _serverLog.AppendLine(e.Data); };
        _server.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_serverLog) _serverLog.AppendLine(e.Data); };
        if (!_server.Start()) throw new InvalidOperationException($"could not start dotnet {dll}");
        // If the test run is torn down without disposing the fixture, do not leave the portal running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopServer();
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_server!.HasExited)
                throw new InvalidOperationException($"the portal exited with code {_server.ExitCode} before serving:\n{ServerLog}");
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"the portal did not answer 200 on / within {timeout.TotalSeconds}s:\n{ServerLog}");
    }

    /// <summary>The web project's own build output, in the configuration these tests were built with.</summary>
    private string WebAssemblyPath()
    {
        // tests/PolicyNews.BrowserTests/bin/<Configuration>/<tfm>/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent?.Name ?? "Debug";
        var candidates = new[] { configuration, "Debug", "Release" }
            .Distinct()
            .Select(c => Path.Combine(Repository.Root, "src", "PolicyNews.Web", "bin", c, tfm, "PolicyNews.Web.dll"))
            .Where(File.Exists)
            .ToList();
        if (candidates.Count == 0)
            throw new FileNotFoundException($"PolicyNews.Web.dll not built under src/PolicyNews.Web/bin/{configuration}/{tfm}/");
        return candidates[0];
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
