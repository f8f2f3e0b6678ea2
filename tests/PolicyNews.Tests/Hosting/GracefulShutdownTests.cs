using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Tests.Hosting;

/// <summary>
/// Stopping (what SIGTERM or Ctrl+C asks for) lets a request in flight finish, up to
/// HostOptions:ShutdownTimeout, and then cuts it. The real portal on Kestrel (a socket, not the
/// in-memory test server, which has no connections to drain), with one extra path held open until
/// the test lets it go — a slow page without a slow page.
/// </summary>
public sealed class GracefulShutdownTests(GoodArchive good) : IClassFixture<GoodArchive>, IDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task ARequestInFlightFinishesWhileThePortalStops()
    {
        var gate = new Gate();
        using var factory = Portal(gate);
        using var client = factory.CreateClient();
        Assert.Equal(Health.DefaultShutdownTimeout, factory.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        var held = client.GetAsync(Gate.Path);
        await gate.Entered.Task.WaitAsync(Patience);

        var lifetime = factory.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.StopApplication();
        await RefusesNewConnections(client.BaseAddress!);   // stopping has begun
        gate.Release.SetResult();

        using var response = await held.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("finished", await response.Content.ReadAsStringAsync());
        await WhenCancelled(lifetime.ApplicationStopped);
    }

    [Fact]
    public async Task ARequestStillRunningAtTheShutdownTimeoutIsCut()
    {
        var gate = new Gate();
        using var factory = Portal(gate, ("HostOptions:ShutdownTimeout", "00:00:01"));
        using var client = factory.CreateClient();
        Assert.Equal(TimeSpan.FromSeconds(1), factory.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        var held = client.GetAsync(Gate.Path);
        await gate.Entered.Task.WaitAsync(Patience);

        var lifetime = factory.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.StopApplication();
        await WhenCancelled(lifetime.ApplicationStopped);   // without the gate ever opening

        await Assert.ThrowsAsync<HttpRequestException>(() => held.WaitAsync(Patience));
        gate.Release.SetResult();
    }

    WebApplicationFactory<Program> Portal(Gate gate, params (string Key, string Value)[] settings)
    {
        var database = good.CopyTo(dir["portal.db"]);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Production")
                .UseSetting("Archive:Database", database)
                .UseSetting("Archive:Seeds", Repository.Seeds)
                .ConfigureServices(services => services.AddSingleton<IStartupFilter>(gate));
            foreach (var (key, value) in settings)
                host.UseSetting(key, value);
        });
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));   // a free loopback port (UseKestrel(0) binds Kestrel's default 5000)
        factory.StartServer();
        return factory;
    }

    /// <summary>Kestrel stops listening first, then drains: wait until a new connection is refused.</summary>
    static async Task RefusesNewConnections(Uri address)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(address.Host, address.Port, timeout.Token);
            }
            catch (SocketException)
            {
                return;
            }
            await Task.Delay(20, timeout.Token);
        }
    }

    static Task WhenCancelled(CancellationToken token)
    {
        var done = new TaskCompletionSource();
        token.Register(() => done.TrySetResult());
        return done.Task.WaitAsync(Patience);
    }

    /// <summary>A path whose requests wait until <see cref="Release"/>, mapped ahead of the portal's own pipeline.</summary>
    sealed class Gate : IStartupFilter
    {
        public const string Path = "/test/held";
        public readonly TaskCompletionSource Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(Path, held => held.Run(async context =>
            {
                Entered.TrySetResult();
                await Release.Task;
                await context.Response.WriteAsync("finished");
            }));
            next(app);
        };
    }
}
