using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PolicyNews.Web.Hosting;

/// <summary>
/// The headers every response carries (docs/operations.md lists them with the Mozilla Observatory
/// rule each one meets). HSTS is not here: it depends on the public origin (PublicOrigin.cs).
/// </summary>
public static class SecurityHeaders
{
    // Nothing is allowed unless named. The pages need exactly: the stylesheet and the one script
    // (own origin, no inline code anywhere; the JSON-LD block is data, which script-src does not govern), the favicon (img-src) and the search form (form-action).
    // No fonts, no fetches, no manifest, no frames, no plugins: default-src 'none' covers those.
    const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; " +
        "base-uri 'none'; frame-ancestors 'none'";

    // Powerful features the portal never uses, denied to it and to anything it might ever embed.
    // Only names Chromium recognises (it reports an unknown one on every page's console).
    // clipboard-write stays at its default (self): copy-link uses it.
    const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), " +
        "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), " +
        "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), sync-xhr=(), usb=(), " +
        "xr-spatial-tracking=()";

    /// <summary>No <c>Server: Kestrel</c> header.</summary>
    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Permissions-Policy"] = PermissionsPolicy;
        // A window we open, or that opens us, gets no handle on ours.
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // Other sites cannot embed our responses (<img>, <script>, no-cors fetch). Feed readers and
        // link previews (fetching og:image, the share card) fetch from their servers, which CORP does not affect.
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        return next(context);
    });
}
