using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace PolicyNews.Tests.Web;

/// <summary>
/// The portal as deployed for caching: the import generation read on every request (so a test
/// sees an import at once, without waiting), and static assets served with the headers a published
/// app sends (a build would revalidate them so that edits to wwwroot/ show during development).
/// </summary>
public class CachingPortal : PortalFixture
{
    public CachingPortal() : this([]) { }

    /// <param name="settings">More settings, for a subclass.</param>
    protected CachingPortal(params (string Key, string Value)[] settings)
        : base([("Caching:GenerationCheckSeconds", "0"), ("ReloadStaticAssetsAtRuntime", "false"), .. settings]) { }

    public const string Article = "/articles/" + Search.SeedArchive.Replicated;

    /// <summary>GET with the headers a test sets (Accept-Encoding, If-None-Match, Cookie …); the body is read before returning.</summary>
    public static async Task<WholeResponse> Get(HttpClient client, string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await client.SendAsync(request);
        return new WholeResponse(response.StatusCode, response.Headers, response.Content.Headers, await response.Content.ReadAsByteArrayAsync());
    }

    public async Task<WholeResponse> Get(string url, params (string Name, string Value)[] headers) => await Get(Client(), url, headers);
}

/// <summary>The same without the output cache: validators and 304s must not depend on it.</summary>
public sealed class UncachedPortal() : CachingPortal(("Caching:OutputCache", "false"));

/// <summary>A response read whole: status, headers, the body as sent and decoded.</summary>
public sealed record WholeResponse(HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders Content, byte[] Body)
{
    public string? ETag => Headers.ETag?.ToString();

    public string CacheControl => Headers.CacheControl?.ToString() ?? "";

    public string? Encoding => Content.ContentEncoding.SingleOrDefault();

    public IEnumerable<string> Vary => Headers.Vary;

    /// <summary>The body with its Content-Encoding undone.</summary>
    public byte[] Decoded()
    {
        using var input = new MemoryStream(Body);
        using Stream decoder = Encoding switch
        {
            null => input,
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            var other => throw new InvalidOperationException($"unexpected Content-Encoding {other}"),
        };
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    public string Text() => System.Text.Encoding.UTF8.GetString(Decoded());
}
