using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace PolicyNews.Web.Hosting;

/// <summary>
/// Caching and compression (docs/operations.md#caching-and-compression): validators (ETag,
/// Last-Modified) and 304s from the import generation, the output cache of rendered answers, Brotli
/// and gzip for what is rendered, and the static assets as the build made them (fingerprinted,
/// precompressed, cached as immutable: <c>MapStaticAssets</c> in Program.cs).
/// </summary>
public static class HttpCaching
{
    public static WebApplicationBuilder AddHttpCaching(this WebApplicationBuilder builder, SiteFolders folders)
    {
        var services = builder.Services;
        var settings = builder.Configuration.GetSection(CachingSettings.SectionName).Get<CachingSettings>() ?? new CachingSettings();
        services.Configure<CachingSettings>(builder.Configuration.GetSection(CachingSettings.SectionName));
        services.AddSingleton<ImportGenerationStore>();
        services.AddSingleton<GenerationWatch>();
        services.AddSingleton(SiteVersion.Of(folders, builder.Configuration));

        services.AddOutputCache(o =>
        {
            o.SizeLimit = settings.SizeLimitMegabytes * 1024L * 1024;
            o.MaximumBodySize = settings.MaximumBodyMegabytes * 1024L * 1024;
            o.DefaultExpirationTimeSpan = TimeSpan.FromSeconds(settings.ExpirationSeconds);
            o.UseCaseSensitivePaths = true;   // slugs are case-sensitive: /articles/A is not /articles/a
            o.AddBasePolicy(ArchiveCachePolicy.Instance);
        });

        // BREACH needs a secret in a compressed body next to text an attacker chooses. The pages
        // reflect the search query, but hold no secret: no anti-forgery token (every form is GET),
        // no session, nothing per visitor but the script and pinyin choice, which the URL can set.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(
                ["application/atom+xml", "application/problem+json", "image/svg+xml", "text/csv", "text/javascript"]);
        });
        // Optimal, not the framework's Fastest: the article page becomes 8.1 KB instead of 9–10 KB
        // for about a millisecond, paid once per cached entry and small beside rendering one.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);

        // Static assets come from the build's manifest. Outside Development the framework does not
        // read the build's runtime manifest by itself; without it a build (tests, `dotnet run -e
        // Production`) could not find the compressed copies the build made. A published app has no
        // such manifest (its wwwroot holds the files) and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    /// <summary>After routing, so that only known endpoints are cached: validators, then the output cache, then compression inside it (entries are stored compressed).</summary>
    public static IApplicationBuilder UseHttpCaching(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<IOptions<CachingSettings>>().Value;
        app.Use(Validate);
        if (settings.OutputCache)
            app.UseOutputCache();
        app.UseResponseCompression();
        return app;
    }

    static async Task Validate(HttpContext context, RequestDelegate next)
    {
        if (ArchiveResponse.Classify(context) is not { } depends
            || await context.RequestServices.GetRequiredService<GenerationWatch>().CurrentAsync(context.RequestAborted) is not { } generation)
        {
            await next(context);
            return;
        }

        var response = ArchiveResponse.For(context, depends, generation, context.RequestServices.GetRequiredService<SiteVersion>());
        context.Features.Set(response);
        response.WriteHeaders(context.Response);
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            http.Features.Get<ArchiveResponse>()?.Settle(http.Response);
            return Task.CompletedTask;
        }, context);

        if (response.IsNotModified(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        await next(context);
    }
}

/// <summary>
/// The output cache's only policy: an <see cref="ArchiveResponse"/> is cached (200 without
/// Set-Cookie only), keyed by method, scheme, host and path (the framework's part), the query as
/// sent (the order of repeated parameters matters to the pages), the import generation, the
/// display choice and day where the answer depends on them, and the encoding it will have. Everything else passes by.
/// </summary>
sealed class ArchiveCachePolicy : IOutputCachePolicy
{
    public static readonly ArchiveCachePolicy Instance = new();

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (http.Features.Get<ArchiveResponse>() is not { } response || http.Request.Headers.Authorization.Count > 0)
        {
            context.EnableOutputCaching = false;
            return ValueTask.CompletedTask;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;   // many requests for one missing entry: one renders, the others wait for it
        context.Tags.Add(GenerationWatch.CacheTag);

        var vary = context.CacheVaryByRules;
        vary.VaryByHost = true;
        vary.VaryByValues["query"] = http.Request.QueryString.Value ?? "";
        vary.VaryByValues["generation"] = response.Generation.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        vary.VaryByValues["variant"] = response.Variant;
        vary.VaryByValues["encoding"] = Encoding(http);
        return ValueTask.CompletedTask;
    }

    /// <summary>The Content-Encoding ResponseCompression will choose for this request (Accept-Encoding with its q-values).</summary>
    static string Encoding(HttpContext http)
    {
        var compression = http.RequestServices.GetRequiredService<IResponseCompressionProvider>();
        return compression.CheckRequestAcceptsCompression(http) ? compression.GetCompressionProvider(http)?.EncodingName ?? "identity" : "identity";
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
