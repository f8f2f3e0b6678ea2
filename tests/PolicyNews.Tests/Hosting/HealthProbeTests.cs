using System.Net;
using System.Net.Sockets;
using PolicyNews.Archive.Store;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Tests.Hosting;

/// <summary>
/// <c>dotnet PolicyNews.Web.dll --healthcheck URL</c>, which the container's HEALTHCHECK runs (the
/// image has no curl), against the built portal running as a process.
/// </summary>
public sealed class HealthProbeTests(HealthProbeTests.RunningPortal portal) : IClassFixture<HealthProbeTests.RunningPortal>
{
    [Fact]
    public async Task TheProbeExitsZeroWhenThePortalIsReady()
    {
        var url = new Uri(portal.Address, Health.ReadyPath).ToString();

        using var probe = ProgramProcess.Run("dotnet", ProgramProcess.Dll("PolicyNews.Web"), HealthProbe.Flag, url);

        Assert.Equal(0, await probe.Exited());
        Assert.Equal($"healthy: {url} answered 200", Assert.Single(probe.Lines));
    }

    [Fact]
    public async Task TheProbeExitsOneAndSaysWhyWhenThePortalIsNotReady()
    {
        var url = new Uri(portal.Address, Health.ReadyPath).ToString();
        var output = new StringWriter();
        GoodArchive.SetSchemaVersion(portal.DatabasePath, Migrator.LatestVersion + 1);
        try
        {
            Assert.Equal(1, await HealthProbe.RunAsync([HealthProbe.Flag, url], output));
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
            process = ProgramProcess.Portal(DatabasePath);
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
