using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace PolicyNews.Tests.Web;

/// <summary>
/// The request log (docs/operations.md#logging), as an operator reads it at the shipped level
/// (Information): a request that did work — a page rendered, a missing page, a refused method — is
/// one line; the same answer again from the output cache, or a 304, is not (it is at Debug).
/// </summary>
public sealed class RequestLogTests(LoggedPortal portal) : IClassFixture<LoggedPortal>
{
    const string Article = CachingPortal.Article;

    [Theory]
    [InlineData(Article, "GET", HttpStatusCode.OK)]
    [InlineData("/no-such-page", "GET", HttpStatusCode.NotFound)]
    [InlineData("/tags", "POST", HttpStatusCode.MethodNotAllowed)]
    public async Task ARequestThatDidWorkIsOneLine(string url, string method, HttpStatusCode status)
    {
        var before = portal.Log.For(url).Count();
        // A query of this test's own: a new entry for the output cache, so the page is rendered.
        using var response = await portal.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), url + "?log-test=work-" + method));

        Assert.Equal(status, response.StatusCode);
        var line = await portal.Log.WaitFor(url, before + 1);
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal((int)status, ((ScalarValue)line.Properties["StatusCode"]).Value);
    }

    [Theory]
    [InlineData(Article)]
    [InlineData("/tags")]
    [InlineData("/api/articles")]
    public async Task AnAnswerFromTheCacheOrA304IsNotLoggedAtInformation(string url)
    {
        var before = portal.Log.For(url).Count();
        var first = await CachingPortal.Get(portal.Client(), url + "?log-test=repeat");   // rendered: one line
        await portal.Log.WaitFor(url, before + 1);

        var cached = await CachingPortal.Get(portal.Client(), url + "?log-test=repeat");
        var revalidated = await CachingPortal.Get(portal.Client(), url + "?log-test=repeat", ("If-None-Match", first.ETag!));
        // Rendered again under another query: its line comes after theirs would have.
        await CachingPortal.Get(portal.Client(), url + "?log-test=marker");
        await portal.Log.WaitFor(url, before + 2);

        Assert.True(cached.Headers.Age.HasValue, $"GET {url} was rendered again");
        Assert.Equal(HttpStatusCode.NotModified, revalidated.Status);
        Assert.Equal(before + 2, portal.Log.For(url).Count());
    }
}

/// <summary>The caching portal with the request log's lines kept (Serilog reads sinks from the services).</summary>
public sealed class LoggedPortal : PortalFixture
{
    public LoggedPortal() : this(new RequestLines()) { }

    LoggedPortal(RequestLines log) : base(services => services.AddSingleton<ILogEventSink>(log), ("Caching:GenerationCheckSeconds", "0")) => Log = log;

    public RequestLines Log { get; }
}

/// <summary>The request log's lines at Information and above (the shipped level), by request path (the log leaves the query out).</summary>
public sealed class RequestLines : ILogEventSink
{
    readonly ConcurrentQueue<LogEvent> lines = new();

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Properties.ContainsKey("RequestPath") && logEvent.Properties.ContainsKey("StatusCode"))
            lines.Enqueue(logEvent);
    }

    public IEnumerable<LogEvent> For(string path) => lines.Where(e => ((ScalarValue)e.Properties["RequestPath"]).Value as string == path);

    /// <summary>The path's <paramref name="count"/>th line; it is written when the response is done, which the client may see first.</summary>
    public async Task<LogEvent> WaitFor(string path, int count)
    {
        for (var i = 0; i < 100; i++)
        {
            if (For(path).Skip(count - 1).FirstOrDefault() is { } line)
                return line;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"no request line number {count} for {path}");
    }
}
