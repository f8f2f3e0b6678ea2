namespace PolicyNews.Web.Display;

/// <summary>
/// Where every absolute URL the portal prints begins: scheme, host and port, without a trailing
/// slash (<c>https://archive.example.org</c>). It is the configured public origin
/// (<c>Site:PublicUrl</c>) when there is one; only without it does a request's own Host and scheme
/// stand in (what a development start on http://localhost needs). <see cref="Links"/> joins it to a path.
/// </summary>
public sealed record SiteOrigin
{
    SiteOrigin(string value) => Value = value;

    /// <summary>Scheme, host and port (the port only when not the scheme's default), no trailing slash.</summary>
    public string Value { get; }

    public bool IsHttps => Value.StartsWith("https://", StringComparison.Ordinal);

    /// <summary>
    /// Reads a configured public URL: an absolute http or https URL naming only an origin (a trailing
    /// slash is fine; a path, query, fragment or user name is not, since the pages' links are all
    /// root-relative). Null with the reason when it is not one.
    /// </summary>
    public static SiteOrigin? Parse(string text, out string? problem)
    {
        problem = null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            problem = "is not an absolute http:// or https:// URL";
        else if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            problem = "must be an origin only (scheme, host and optional port), without a path, query or fragment";
        else if (uri.UserInfo.Length > 0)
            problem = "must not carry a user name or password";
        if (problem is not null)
            return null;

        var host = uri!.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        return new SiteOrigin($"{uri.Scheme}://{host}{(uri.IsDefaultPort ? "" : $":{uri.Port}")}");
    }

    /// <summary>The fallback without a configured origin: the request's scheme, Host header and path base.</summary>
    public static SiteOrigin FromRequest(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}");

    public override string ToString() => Value;
}
