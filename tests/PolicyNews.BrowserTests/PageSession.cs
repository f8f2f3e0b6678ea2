using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace PolicyNews.BrowserTests;

/// <summary>
/// One test's browser context and page, recording every request (URL, resource type, bytes
/// transferred) and every console error or uncaught page error, CSP violations included.
/// </summary>
public sealed class PageSession : IAsyncDisposable
{
    public sealed record Loaded(string Url, string ResourceType, long ResponseBytes);

    private readonly ConcurrentQueue<Loaded> _finished = new();
    private readonly ConcurrentQueue<string> _requested = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly List<Task> _pending = new();
    private readonly ConcurrentBag<string> _errorDocuments = new();

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    public PageSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        context.Request += (_, request) => _requested.Enqueue(request.Url);
        context.RequestFinished += (_, request) =>
        {
            lock (_pending) _pending.Add(RecordAsync(request));
        };
        context.Page += (_, other) => Watch(other);
        Watch(page);
    }

    private void Watch(IPage page)
    {
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document" && response.Status >= 400) _errorDocuments.Add(response.Url);
        };
        page.Console += (_, message) =>
        {
            if (message.Type != "error") return;
            // A page answered with an error status (the 404 page, say) is what the test navigated to and
            // checks itself; Chromium also logs it as "Failed to load resource". Anything else counts.
            if (message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal) && _errorDocuments.Any(url => message.Location.StartsWith(url, StringComparison.Ordinal))) return;
            _errors.Enqueue($"console error at {message.Location}: {message.Text}");
        };
        page.PageError += (_, error) => _errors.Enqueue($"page error: {error}");
    }

    private async Task RecordAsync(IRequest request)
    {
        long bytes = 0;
        try
        {
            var sizes = await request.SizesAsync();
            bytes = Math.Max(0, sizes.ResponseBodySize) + Math.Max(0, sizes.ResponseHeadersSize);
        }
        catch (PlaywrightException) { }   // the page went away before the sizes were known
        _finished.Enqueue(new Loaded(request.Url, request.ResourceType, bytes));
    }

    /// <summary>Every URL the browser asked for (data: URLs included).</summary>
    public IReadOnlyList<string> RequestedUrls => _requested.ToList();

    public IReadOnlyList<string> Errors => _errors.ToList();

    /// <summary>Finished requests with their transferred sizes, once all pending size look-ups are done.</summary>
    public async Task<IReadOnlyList<Loaded>> FinishedAsync()
    {
        Task[] pending;
        lock (_pending) pending = _pending.ToArray();
        await Task.WhenAll(pending);
        return _finished.ToList();
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
