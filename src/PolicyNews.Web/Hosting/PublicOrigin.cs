using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace PolicyNews.Web.Hosting;

/// <summary>
/// The <c>Site</c> settings, read and checked once. A value that cannot be understood stops the
/// start with a message naming the key — a typo in a proxy address must not quietly trust nobody
/// (or everybody).
/// </summary>
public sealed class PublicOrigin
{
    public PublicOrigin(IOptions<SiteSettings> options)
    {
        var settings = options.Value;
        var problems = new List<string>();

        if (!string.IsNullOrWhiteSpace(settings.PublicUrl))
        {
            Configured = SiteOrigin.Parse(settings.PublicUrl, out var problem);
            if (problem is not null)
                problems.Add($"Site:PublicUrl '{settings.PublicUrl}' {problem}");
        }
        foreach (var item in List(settings.TrustedProxies))
        {
            if (IPAddress.TryParse(item, out var address)) TrustedProxies.Add(address);
            else problems.Add($"Site:TrustedProxies: '{item}' is not an IP address");
        }
        foreach (var item in List(settings.TrustedNetworks))
        {
            if (IPNetwork.TryParse(item, out var network)) TrustedNetworks.Add(network);
            else problems.Add($"Site:TrustedNetworks: '{item}' is not a network in CIDR notation (such as 10.0.0.0/8)");
        }
        if (problems.Count > 0)
            throw new InvalidOperationException(ProblemPrefix + string.Join("; ", problems));
    }

    public const string ProblemPrefix = "site settings: ";

    /// <summary>The configured public origin; null when <c>Site:PublicUrl</c> is empty.</summary>
    public SiteOrigin? Configured { get; }

    public List<IPAddress> TrustedProxies { get; } = [];
    public List<IPNetwork> TrustedNetworks { get; } = [];

    public bool TrustsProxies => TrustedProxies.Count + TrustedNetworks.Count > 0;

    /// <summary>Redirect to https and send HSTS: only for an https public origin.</summary>
    public bool IsHttps => Configured?.IsHttps == true;

    /// <summary>The origin of this request's absolute URLs: the configured one, or (without one) the request's own.</summary>
    public SiteOrigin For(HttpRequest request) => Configured ?? SiteOrigin.FromRequest(request);

    /// <summary>
    /// With a public origin, the hosts host filtering lets through: its host, any other host listed
    /// in <c>AllowedHosts</c> (but not <c>*</c>), and in Development the loopback names.
    /// </summary>
    public List<string> AllowedHosts(string? configuredAllowedHosts, bool development)
    {
        var uri = new Uri(Configured!.Value);
        var hosts = new List<string> { uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost };
        hosts.AddRange(List(configuredAllowedHosts).Where(h => h != "*"));
        if (development)
            hosts.AddRange(["localhost", "127.0.0.1", "[::1]"]);
        return hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    static string[] List(string? text) =>
        (text ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// How the portal knows its own address and its client: absolute URLs from <c>Site:PublicUrl</c>,
/// host filtering to that host, X-Forwarded-For/-Proto believed only from the configured proxies,
/// and for an https origin the redirect to https and HSTS (not in Development).
/// </summary>
public static class PublicOriginHosting
{
    public static WebApplicationBuilder AddPublicOrigin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<SiteSettings>(builder.Configuration.GetSection(SiteSettings.SectionName));
        services.AddSingleton<PublicOrigin>();
        services.AddHttpContextAccessor();
        // Each request's origin for Links.Absolute: pages, page models and endpoints take a SiteOrigin.
        services.AddScoped(sp => sp.GetRequiredService<PublicOrigin>() is { Configured: { } configured }
            ? configured
            : SiteOrigin.FromRequest(sp.GetRequiredService<IHttpContextAccessor>().HttpContext!.Request));

        // The framework's host filtering (added by the default web host, reading AllowedHosts) gets
        // the public host. Without a public URL it is left to AllowedHosts as configured.
        services.AddOptions<HostFilteringOptions>().Configure<PublicOrigin, IConfiguration, IHostEnvironment>((options, site, configuration, environment) =>
        {
            if (site.Configured is not null)
                options.AllowedHosts = site.AllowedHosts(configuration["AllowedHosts"], environment.IsDevelopment());
        });

        // The client's address and scheme, from the configured proxies only. Not X-Forwarded-Host:
        // printed URLs come from the public origin, and host filtering checks the Host the proxy
        // passes on (it must pass the original one, e.g. nginx `proxy_set_header Host $host`).
        services.AddOptions<ForwardedHeadersOptions>().Configure<PublicOrigin>((options, site) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();        // the framework trusts loopback by default; we trust only what is configured
            options.KnownIPNetworks.Clear();
            site.TrustedProxies.ForEach(options.KnownProxies.Add);
            site.TrustedNetworks.ForEach(options.KnownIPNetworks.Add);
            // Walk back through every trusted hop (CDN → proxy → portal); it stops at the first address
            // that is not a trusted proxy, so a client's own X-Forwarded-For entries are never believed.
            options.ForwardLimit = null;
        });

        services.AddOptions<HstsOptions>().Configure(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
            options.Preload = false;   // a promise to browsers that is slow to take back: the operator's choice (docs)
        });
        services.AddOptions<HttpsRedirectionOptions>().Configure<PublicOrigin>((options, site) =>
        {
            options.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            if (site.Configured is { } origin)
                options.HttpsPort = new Uri(origin.Value).Port;
        });
        return builder;
    }

    /// <summary>
    /// Reads and checks the <c>Site</c> settings before anything else happens. A value that cannot be
    /// read is logged as one line naming the key (no stack trace); false means: do not start.
    /// </summary>
    public static bool CheckSiteSettings(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<PublicOrigin>();
            return true;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith(PublicOrigin.ProblemPrefix, StringComparison.Ordinal))
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PolicyNews.Web.Site")
                .LogCritical("{Problem}; the portal does not start", e.Message);
            return false;
        }
    }

    /// <summary>
    /// First in the pipeline: the client's address and scheme as the trusted proxies report them, so
    /// that everything after (logging, https checks, cookies, rate limits) sees the real client.
    /// Also checks the <c>Site</c> settings and says at start what the portal will do with them.
    /// </summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var site = app.Services.GetRequiredService<PublicOrigin>();
        Describe(app, site);
        if (site.TrustsProxies)
            app.UseForwardedHeaders();
        return app;
    }

    /// <summary>
    /// After the error handler (so error pages get HSTS too): for an https public origin, plain http
    /// is redirected to https (308) and https responses carry HSTS. Never in Development, and never
    /// without an https public origin.
    /// </summary>
    public static WebApplication UseHttpsForPublicOrigin(this WebApplication app)
    {
        if (app.Services.GetRequiredService<PublicOrigin>().IsHttps && !app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        return app;
    }

    static void Describe(WebApplication app, PublicOrigin site)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PolicyNews.Web.Site");
        var development = app.Environment.IsDevelopment();
        var proxies = site.TrustsProxies
            ? string.Join(", ", site.TrustedProxies.Select(p => p.ToString()).Concat(site.TrustedNetworks.Select(n => n.ToString())))
            : "none";

        if (site.Configured is { } origin)
        {
            var hosts = app.Services.GetRequiredService<IOptions<HostFilteringOptions>>().Value.AllowedHosts;
            logger.LogInformation("site: public origin {Origin}; hosts served: {Hosts}; forwarded headers believed from: {Proxies}; https redirect and HSTS: {Https}",
                origin, string.Join(", ", hosts), proxies, site.IsHttps && !development ? "on" : "off");
            if (site.IsHttps && !development && !site.TrustsProxies)
                logger.LogWarning("site: Site:PublicUrl is https but no Site:TrustedProxies or Site:TrustedNetworks are set: " +
                    "every request that reaches the portal over plain http is redirected to https. Behind a TLS proxy, list its address.");
        }
        else if (!development)
        {
            logger.LogWarning("site: Site:PublicUrl is not set: absolute URLs (canonical links, citations, copy-link, feed, sitemap, robots.txt) " +
                "follow each request's Host header and scheme, and AllowedHosts ({AllowedHosts}) alone decides which hosts are served. " +
                "Set Site:PublicUrl to the address readers use. Forwarded headers believed from: {Proxies}",
                app.Configuration["AllowedHosts"] ?? "*", proxies);
        }
    }
}
