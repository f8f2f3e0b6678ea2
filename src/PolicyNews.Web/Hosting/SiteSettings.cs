namespace PolicyNews.Web.Hosting;

/// <summary>
/// Where the portal is published and who may speak for its clients: configuration section
/// <c>Site</c>, documented in docs/operations.md ("Public origin, proxies and headers").
/// The defaults suit a development start on http://localhost.
/// </summary>
public sealed class SiteSettings
{
    public const string SectionName = "Site";

    /// <summary>
    /// The origin readers reach the portal at, e.g. <c>https://archive.example.org</c>. Every absolute
    /// URL the portal prints starts with it, only its host is accepted (host filtering), and an https
    /// origin turns on the redirect to https and HSTS. Empty: absolute URLs follow each request's Host.
    /// </summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>IP addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed; separated by <c>;</c> or <c>,</c>.</summary>
    public string TrustedProxies { get; set; } = "";

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) of such proxies; separated by <c>;</c> or <c>,</c>.</summary>
    public string TrustedNetworks { get; set; } = "";
}
