using System.Net;
using System.Net.Sockets;
using PolicyNews.Archive.Store;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Tests.Hosting;

/// <summary>
/// <c>dotnet PolicyNews.Web.dll --healthcheck URL</c>, which the container's HEALTHCHECK runs (the
/// image has no curl), against the built portal running as a process — as in production, with an
/// https public origin: host filtering lets only its host through, plain http is redirected, and
/// the probe (plain http on loopback, no proxy) must still get its answer.
/// </summary>
public sealed class HealthProbeTests(HealthProbeTests.RunningPortal portal) : IClassFixture<HealthProbeTests.RunningPortal>
{
    const string PublicUrl = "https://archive.example.org";
    const string PublicUrlSetting = "--Site:PublicUrl=" + PublicUrl;

    [Fact]
    public async Task TheProbeExitsZeroWhenThePortalIsReady()
    {
        var url = new Uri(portal.Address, Health.ReadyPath).ToString();

        // The container gives the probe the portal's environment, Site__PublicUrl included.
        using var probe = ProgramProcess.Run("dotnet", ProgramProcess.Dll("PolicyNews.Web"), HealthProbe.Flag, url, PublicUrlSetting);

        Assert.Equal(0, await probe.Exited());
        Assert.Equal($"healthy: {url} answered 200", Assert.Single(probe.Lines));
    }

    [Fact]
    public async Task HealthAnswersPlainHttpWhereAPageIsRedirectedToHttps()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.Address };
        client.DefaultRequestHeaders.Host = new Uri(PublicUrl).Host;

        Assert.Equal(HttpStatusCode.PermanentRedirect, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Health.LivePath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Health.ReadyPath)).StatusCode);
    }

    [Fact]
    public async Task WithoutThePublicHostTheProbeMeetsHostFilteringAndSaysSo()
    {
        var url = new Uri(portal.Address, Health.ReadyPath).ToString();
        var output = new StringWriter();

        Assert.Equal(1, await HealthProbe.RunAsync([HealthProbe.Flag, url], output));
        Assert.StartsWith($"unhealthy: {url} answered 400", output.ToString());
    }

    [Fact]
    public async Task TheProbeExitsOneAndSaysWhyWhenThePortalIsNotReady()
    {
        var url = new Uri(portal.Address, Health.ReadyPath).ToString();
        var output = new StringWriter();
        GoodArchive.SetSchemaVersion(portal.DatabasePath, Migrator.LatestVersion + 1);
        try
        {
            Assert.Equal(1, await HealthProbe.RunAsync([HealthProbe.Flag, url, PublicUrlSetting], output));
        }
        finally
        {
            GoodArchive.SetSchemaVersion(portal.DatabasePath, Migrator.LatestVersion);
        }
        Assert.StartsWith($"unhealthy: {url} answered 503: {{", output.ToString());
        Assert.Contains("newer than this build knows", output.ToString());
    }

    [Fact]
    public async Task TheProbeExitsOneWhenNothingAnswers()
    {
        var url = $"http://127.0.0.1:{UnusedPort()}{Health.ReadyPath}";
        var output = new StringWriter();

        Assert.Equal(1, await HealthProbe.RunAsync([HealthProbe.Flag, url], output));
        Assert.StartsWith($"unhealthy: cannot reach {url}: ", output.ToString());
    }

    static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The built portal as a process on a copy of the good archive.</summary>
    public sealed class RunningPortal : IAsyncLifetime
    {
        readonly GoodArchive good = new();
        readonly TempFolder dir = new();
        ProgramProcess? process;

        public string DatabasePath => dir["portal.db"];
        public Uri Address { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            good.CopyTo(DatabasePath);
            process = ProgramProcess.Portal(DatabasePath, PublicUrlSetting);
            Address = await process.Listening();
        }

        public Task DisposeAsync()
        {
            process?.Dispose();
            good.Dispose();
            dir.Dispose();
            return Task.CompletedTask;
        }
    }
}
