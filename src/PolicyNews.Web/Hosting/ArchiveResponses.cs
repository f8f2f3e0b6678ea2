using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace PolicyNews.Web.Hosting;

/// <summary>
/// Besides the archive and the URL, what the bytes of a cacheable answer depend on: pages on the
/// reader's script and pinyin choice and on the day (a section page cites itself with today's date
/// of access); the Atom feed on the script; the sitemap, robots.txt and the JSON API on nothing
/// more (they are in the archive's own script).
/// </summary>
[Flags]
public enum Dependence { None = 0, DisplayChoice = 1, Day = 2 }

/// <summary>An endpoint's declaration that its answers are cached and validated like a page's (see <see cref="ArchiveResponse.Classify"/>).</summary>
public sealed record CachedAs(Dependence Depends);

public static class CachedAsExtensions
{
    /// <summary>Cache and validate this endpoint's answers by import generation, URL and <paramref name="depends"/>.</summary>
    public static TBuilder CachedAs<TBuilder>(this TBuilder endpoint, Dependence depends) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new CachedAs(depends));
}

/// <summary>
/// A GET or HEAD of a page, the feed, the sitemap, robots.txt or the JSON API, with what its bytes
/// depend on worked out before it runs: the import generation, the site version, the URL (scheme,
/// host, path, the query as sent) and its <see cref="Dependence"/>. <see cref="ETag"/> is a hash of
/// all of them, so it changes whenever the bytes could; it is weak because the same representation
/// is sent compressed in several ways (RFC 9110 §8.8.1).
/// </summary>
public sealed record ArchiveResponse(Dependence Depends, ImportGeneration Generation, string Variant, string ETag, DateTimeOffset LastModified)
{
    /// <summary>The endpoints whose answers are cached and validated; anything else (errors, health, static assets) is not.</summary>
    public static Dependence? Classify(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            return null;
        return context.GetEndpoint() switch
        {
            { } declared when declared.Metadata.GetMetadata<CachedAs>() is { } cached => cached.Depends,
            { } page when page.Metadata.GetMetadata<PageActionDescriptor>() is { } descriptor =>
                descriptor.ViewEnginePath.StartsWith("/Errors/", StringComparison.Ordinal) ? null : Dependence.DisplayChoice | Dependence.Day,
            RouteEndpoint { RoutePattern.RawText: Links.Feed or Links.TagFeedPattern or Links.SearchFeed } => Dependence.DisplayChoice,
            RouteEndpoint { RoutePattern.RawText: Links.Sitemap or Links.SitemapFilePattern or "/robots.txt" } => Dependence.None,
            RouteEndpoint { RoutePattern.RawText: { } pattern } when pattern.StartsWith("/api/", StringComparison.Ordinal) => Dependence.None,
            _ => null,
        };
    }

    public static ArchiveResponse For(HttpContext context, Dependence depends, ImportGeneration generation, SiteVersion site)
    {
        var variant = "";
        var lastModified = generation.ChangedAt > site.LastModified ? generation.ChangedAt : site.LastModified;
        if (depends.HasFlag(Dependence.DisplayChoice))
        {
            var display = context.RequestServices.GetRequiredService<DisplayPreferences>();
            variant = DisplayPreferences.ScriptName(display.Script) + (display.Pinyin ? "-pinyin" : "");
        }
        if (depends.HasFlag(Dependence.Day))
        {
            var today = DateTime.UtcNow.Date;
            variant += today.ToString("'@'yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (today > lastModified)
                lastModified = new DateTimeOffset(today, TimeSpan.Zero);
        }

        var request = context.Request;
        var what = string.Join('\n', site.Hash, generation.Number.ToString(CultureInfo.InvariantCulture), depends, variant,
            request.Scheme, request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(what)).AsSpan(0, 10));
        var etag = $"W/\"{generation.Number}-{hash}\"";

        lastModified = new DateTimeOffset(lastModified.UtcTicks - lastModified.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        return new ArchiveResponse(depends, generation, variant, etag, lastModified);
    }

    /// <summary>
    /// The validators and caching headers, set before the endpoint runs so that the output cache
    /// stores them with the body. What follows the display choice varies by the script and pinyin
    /// cookies (<c>Vary: Cookie</c>); every answer is revalidated before reuse (<c>no-cache</c>: an
    /// import shows at once, and revalidation is a 304 that costs one generation check); one that
    /// sets a cookie is private.
    /// </summary>
    public void WriteHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ETag = ETag;
        headers.LastModified = HeaderUtilities.FormatDate(LastModified);
        headers.CacheControl = CacheControl(response);
        if (Depends.HasFlag(Dependence.DisplayChoice))
            AddVary(headers, HeaderNames.Cookie);
    }

    /// <summary>At the start of the response: only a 200 or 304 keeps the validators; a cookie set since makes it private.</summary>
    public void Settle(HttpResponse response)
    {
        var headers = response.Headers;
        if (response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
        {
            headers.CacheControl = CacheControl(response);
            return;
        }
        if (headers.ETag == ETag)
            headers.Remove(HeaderNames.ETag);
        if (headers.LastModified == HeaderUtilities.FormatDate(LastModified))
            headers.Remove(HeaderNames.LastModified);
        if (headers.CacheControl == NoCache || headers.CacheControl == PrivateNoCache)
            headers.Remove(HeaderNames.CacheControl);
    }

    const string NoCache = "no-cache";
    const string PrivateNoCache = "private, no-cache";

    static string CacheControl(HttpResponse response) =>
        StringValues.IsNullOrEmpty(response.Headers.SetCookie) ? NoCache : PrivateNoCache;

    /// <summary>
    /// RFC 9110 §13.2.2: If-None-Match decides when present (weak comparison, <c>*</c> matches);
    /// otherwise If-Modified-Since, to the second.
    /// </summary>
    public bool IsNotModified(HttpRequest request)
    {
        if (request.Headers.IfNoneMatch.Count > 0)
        {
            var mine = EntityTagHeaderValue.Parse(ETag);
            return EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
                && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(mine, useStrongComparison: false));
        }
        return HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since) && LastModified <= since;
    }

    static void AddVary(IHeaderDictionary headers, string header)
    {
        var present = headers.Vary.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries));
        if (!present.Contains(header, StringComparer.OrdinalIgnoreCase))
            headers.Append(HeaderNames.Vary, header);
    }
}
