using System.Text;

namespace PolicyNews.HostileTraffic;

/// <summary>
/// One generated request: its kind, method and target for the report, and its bytes.
/// <paramref name="UnsupportedVersion"/>: its request line claims an HTTP version other than 1.0 or
/// 1.1, which the server must answer with 505 (RFC 9110 §15.6.6) before the portal sees it.
/// </summary>
public sealed record HostileRequest(string Kind, string Method, string Target, byte[] Bytes, bool UnsupportedVersion = false);

/// <summary>The portal's real paths, read from its sitemap and API before the run, so some requests come close to valid ones.</summary>
public sealed record Site(IReadOnlyList<string> Paths, IReadOnlyList<string> ArticleSlugs, IReadOnlyList<string> TagSlugs);

/// <summary>
/// Generates hostile requests from a seeded <see cref="Random"/> (the same seed gives the same
/// requests): random Unicode with lone surrogates and control characters in paths, queries and
/// headers, FTS5 syntax, very long queries, encoding tricks, path traversal, unknown slugs, every
/// method, and malformed HTTP.
/// </summary>
public sealed class HostileRequests(Random random, string host, Site site)
{
    static readonly string[] Routes =
    [
        "/", "/tags", "/search", "/about", "/help", "/feed.atom", "/sitemap.xml", "/robots.txt",
        "/api/articles", "/api/search", "/css/site.css", "/js/site.js", "/favicon.svg", "/errors/500", "/errors/404",
    ];

    static readonly string[] Methods =
    [
        "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "MKCOL", "COPY",
        "MOVE", "LOCK", "UNLOCK", "SEARCH", "QUERY", "PURGE", "REPORT", "get", "Get", "FOO", "X-CUSTOM", "G",
    ];

    static readonly string[] Parameters = ["q", "tag", "article", "sort", "page", "count", "pageSize", "hl", "script", "pinyin", "source", "type", "kind", "from", "to"];

    static readonly string[] Fts5 =
    [
        "\"", "\"\"", "\"創新", "*", "創*", "*新", "NEAR(創新 杭州, 2)", "NEAR(", "NEAR(a b c d e f g h, 0)", "創新 OR 杭州", "OR", "AND",
        "NOT", "創新 NOT 杭州", "^創新", "heading:創新", "body_pairs:創新", "{heading body}: 創新", "-", "--", "+創新", "-創新", "-\"創新\"",
        "(", ")", ")(", "((((((((((", "'", "';DROP TABLE articles;--", "' OR '1'='1", "%", "_", "\\", ":", ".", ",", "　",
        "創新\"杭州", "\"創新 杭州\"", "chuangxin", "chuàngxīn", "chuang4 xin1", "ㄔㄨㄤˋ", "MATCH", "rank", "bm25(search_sections)",
        "rowid=1", "*:*", "a AND (b OR c)", "DeepSeek", "AI", "的", "是", "x*y", "\"*\"", "NEAR", "創新\u0000杭州", "創新;杭州",
    ];

    static readonly string[] EncodingTricks =
    [
        "%00", "%2F", "%2f", "%252F", "%25", "%", "%%", "%G0", "%C0%AF", "%C0%80", "%E0%80%AF", "%F0%80%80%AF", "%ED%A0%80",
        "%ED%BF%BF", "%ED%A0%80%ED%B0%80", "%FF", "%FE%FF", "%EF%BB%BF", "%u002F", "%5C", "..%2F", "%2E%2E%2F", "%252E%252E%252F",
        "+", "%20", "%0D%0A", "%0D%0ASet-Cookie:%20x=1", "%3Cscript%3Ealert(1)%3C/script%3E", "%E5%89", "%E5%89%B5%E6", ";x=1",
        "%3B", "%23", "%3F", "?", "??", "&&&", "=&=", "%E2%80%AE", "%EF%BF%BE", "%F4%90%80%80", "%F8%88%80%80%80", "%C1%BF",
    ];

    static readonly string[] Traversals =
    [
        "/../../../../etc/passwd", "/..%2F..%2F..%2Fetc%2Fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/css/../../appsettings.json",
        "/css/..%2F..%2Fappsettings.json", "/..\\..\\appsettings.json", "/css/%2e%2e%5c%2e%2e%5cappsettings.json",
        "/about/../../PolicyNews.sln", "/docs/about.md", "/about.md", "/help/../about", "//etc/passwd", "/./css/./site.css",
        "/css//site.css", "/CSS/SITE.CSS", "/css/site.css%00.txt", "/css/site.css::$DATA", "/.git/config", "/.env",
        "/appsettings.json", "/PolicyNews.Web.dll", "/bin/", "/wwwroot/css/site.css", "/~root", "/articles/..",
        "/articles/%2e%2e/tags", "/s/..%2f..%2f", "/tags/....//....//etc/passwd", "/api/articles/..%2Fsearch",
        "/errors/..%2F500", "/../", "/..", "/%2e", "/css/%c0%ae%c0%ae/%c0%ae%c0%ae/appsettings.json", "/data/policynews.db",
        "/seeds/articles.json", "/css/site.css/..", "/css/site.css/", "/favicon.svg/.", "/js/", "/css",
    ];

    static readonly string[] HeaderNames =
    [
        "Cookie", "Accept", "Accept-Language", "Accept-Encoding", "User-Agent", "Referer", "X-Forwarded-For", "X-Forwarded-Proto",
        "X-Forwarded-Host", "Forwarded", "If-None-Match", "If-Modified-Since", "Range", "If-Range", "Content-Type", "Origin",
        "Access-Control-Request-Method", "X-HTTP-Method-Override", "Authorization", "Cache-Control", "Pragma", "Via", "TE",
    ];

    public HostileRequest Next() => random.Next(100) switch
    {
        < 10 => UnicodePath(),
        < 24 => UnicodeQuery(),
        < 36 => Fts5Query(),
        < 42 => LongQuery(),
        < 52 => EncodingTrick(),
        < 60 => Traversal(),
        < 70 => UnknownSlug(),
        < 80 => HostileHeaders(),
        < 88 => EveryMethod(),
        < 93 => Malformed(),
        _ => NearlyValid(),
    };

    HostileRequest UnicodePath() =>
        Build("unicode-path", AnyMethod(), Pick(["/articles/", "/tags/", "/s/", "/api/articles/", "/", "/articles/" + Pick(site.ArticleSlugs) + "/", "/css/"])
            + Percent(Wtf8(Junk(random.Next(1, 40)))));

    HostileRequest UnicodeQuery()
    {
        var parameters = Enumerable.Range(0, random.Next(1, 5))
            .Select(_ => Percent(Wtf8(random.Next(5) == 0 ? Junk(random.Next(1, 12)) : Pick(Parameters))) + "=" + Percent(Wtf8(Junk(random.Next(0, 60)))));
        return Build("unicode-query", AnyMethod(), Pick(QueryRoutes) + "?" + string.Join('&', parameters));
    }

    HostileRequest Fts5Query()
    {
        var query = string.Join(random.Next(3) == 0 ? "" : " ", Enumerable.Range(0, random.Next(1, 8)).Select(_ => Pick(Fts5)));
        var extra = random.Next(3) == 0 ? "&" + Pick(["sort=newest", "count=all", "page=2", "pageSize=100", "tag=" + Pick(site.TagSlugs), "article=" + Pick(site.ArticleSlugs)]) : "";
        var route = Pick(["/search?q=", "/api/search?q=", "/articles/" + Pick(site.ArticleSlugs) + "?hl="]);
        return Build("fts5", AnyMethod(), route + Percent(Wtf8(query)) + extra);
    }

    HostileRequest LongQuery()
    {
        // Mostly under Kestrel's 8 KB request line (so the search runs), sometimes over it (414).
        var budget = random.Next(4) == 0 ? random.Next(8_000, 20_000) : random.Next(1_000, 7_500);
        var query = new StringBuilder();
        while (Percent(Wtf8(query.ToString())).Length < budget)
            query.Append(random.Next(4) switch { 0 => Pick(Fts5), 1 => Junk(random.Next(1, 10)), 2 => "創新 ", _ => (char)random.Next(0x4E00, 0x9FFF) });
        return Build("long-query", AnyMethod(), Pick(QueryRoutes) + "?" + Pick(["q", "hl", "source", "tag", "article"]) + "=" + Percent(Wtf8(query.ToString())));
    }

    /// <summary>Every route that reads its query string: the pages, the API, the exports and the search feed.</summary>
    string[] QueryRoutes =>
    [
        "/search", "/api/search", "/api/search.csv", "/search/feed.atom", "/", "/articles", "/api/articles",
        "/articles/" + Pick(site.ArticleSlugs), "/tags", "/tags/" + Pick(site.TagSlugs), "/api/tags/" + Pick(site.TagSlugs),
    ];

    HostileRequest EncodingTrick()
    {
        var trick = string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(EncodingTricks)));
        var target = random.Next(4) switch
        {
            0 => "/articles/" + trick + Pick(site.ArticleSlugs),
            1 => Pick(["/search?q=", "/api/search?q=創新&page=", "/api/search?pageSize=", "/?script=", "/tags/"]) + trick,
            2 => Pick(site.Paths) + trick,
            _ => "/" + trick,
        };
        return Build("encoding", AnyMethod(), target);
    }

    HostileRequest Traversal() => Build("traversal", AnyMethod(), Pick(Traversals));

    HostileRequest UnknownSlug()
    {
        var slug = Pick(site.ArticleSlugs);
        var target = random.Next(10) switch
        {
            0 => "/articles/" + RandomSlug(),
            1 => "/articles/" + slug + "/" + RandomSlug(),
            2 => "/tags/" + RandomSlug(),
            3 => "/s/" + RandomSlug(),
            4 => "/api/articles/" + RandomSlug(),
            5 => "/articles/" + slug.ToUpperInvariant() + "/",
            6 => "/articles/" + slug + "//" + RandomSlug(),
            7 => "/errors/" + Pick(["0", "-1", "99999999999", "200", "302", "600", "499", "599", "429", "abc"]),
            8 => "/" + RandomSlug() + "/" + RandomSlug() + Pick(["", ".php", ".json", ".xml", "/"]),
            _ => "/articles/" + Percent(Wtf8(Junk(random.Next(1, 20)))),
        };
        return Build("unknown-slug", AnyMethod(), target);
    }

    HostileRequest HostileHeaders()
    {
        var headers = new List<byte[]>();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            var name = random.Next(10) == 0 ? Junk(random.Next(1, 8)) : Pick(HeaderNames);
            var value = random.Next(5) switch
            {
                0 => Junk(random.Next(0, 80)),                            // raw: controls, surrogates, non-ASCII
                1 => "script=" + Percent(Wtf8(Junk(5))) + "; pinyin=" + Pick(["on", "off", "\u0001", "%00", "ON;", ""]),
                2 => new string(Pick("aZ9-,;= \"*/") , random.Next(1, 4000)),
                3 => Pick(["bytes=0-", "bytes=99999999-", "bytes=-1", "bytes=a-b", "*", "W/\"x\"", "Thu, 01 Jan 1970 00:00:00 GMT",
                           "not a date", "1.2.3.4, evil", "for=\"[::1]\";proto=https;host=evil.example", "evil.example", "https",
                           "application/problem+json", "text/html;q=abc", "br;q=2, gzip;q=-1", "100-continue", "Basic Og=="]),
                _ => Percent(Wtf8(Junk(random.Next(1, 30)))),
            };
            headers.Add(Bytes($"{name}: ").Concat(Wtf8(value)).ToArray());
        }
        return Build("headers", AnyMethod(), Pick(site.Paths), headers);
    }

    HostileRequest EveryMethod()
    {
        var method = random.Next(8) == 0 ? Junk(random.Next(1, 10)) : Pick(Methods);
        var target = method == "CONNECT" ? Pick(["127.0.0.1:443", "evil.example:80", "/"]) : Pick(site.Paths);
        return Build("methods", method, target);
    }

    HostileRequest Malformed()
    {
        var path = Pick(site.Paths);
        var text = random.Next(14) switch
        {
            0 => $"GET {path} HTTP/1.0\r\n\r\n",
            1 => $"GET {path} HTTP/1.1\r\nConnection: close\r\n\r\n",                                  // no Host
            2 => $"GET http://evil.example{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
            3 => $"OPTIONS * HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
            4 => $"GET {path} {Pick(["HTTP/2.0", "HTTP/1.2", "HTTP/3.0"])}\r\nHost: {host}\r\nConnection: close\r\n\r\n",
            5 => $"GET {path} HTTP/1.1\r\nHost: {host}\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
            6 => $"GET  {path}  HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
            7 => $"GET {path} HTTP/1.1\r\nHost: {host}\r\nX-A: a\r\n folded\r\nConnection: close\r\n\r\n",
            8 => $"POST {path} HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
            9 => $"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {Pick(["-1", "abc", "1, 2", "99999999999999999999"])}\r\nConnection: close\r\n\r\n",
            10 => $"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
            11 => $"GET {path} HTTP/1.1\r\nHost: {host}\r\n{string.Concat(Enumerable.Range(0, 120).Select(i => $"X-H{i}: {i}\r\n"))}Connection: close\r\n\r\n",
            12 => $"GET {path} HTTP/1.1\r\nHost: {host}\r\nX-Big: {new string('a', 40_000)}\r\nConnection: close\r\n\r\n",
            _ => $"GET {path}?q={new string('a', 10_000)} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
        };
        var version = text[..text.IndexOf('\r')].Split(' ')[^1];
        return new HostileRequest("malformed", text[..text.IndexOf(' ')], path, Bytes(text), UnsupportedVersion: version is not ("HTTP/1.0" or "HTTP/1.1"));
    }

    HostileRequest NearlyValid()
    {
        var target = random.Next(3) == 0
            ? Pick(["/search?q=", "/api/search?q="]) + Percent(Wtf8(Pick(["創新", "杭州", "DeepSeek", "chuangxin", "人工智能 -杭州", "\"科技 創新\""])))
              + Pick(["", "&sort=newest", "&count=all", "&page=2", "&pageSize=100", "&script=hans"])
            : Pick(site.Paths) + Pick(["", "?script=hans", "?pinyin=on", "?hl=" + Percent(Wtf8("創新"))]);
        return Build("nearly-valid", random.Next(4) == 0 ? "HEAD" : "GET", target);
    }

    /// <summary>GET mostly, HEAD sometimes, any other method one time in five.</summary>
    string AnyMethod() => random.Next(10) switch { < 7 => "GET", 7 => "HEAD", _ => Pick(Methods) };

    HostileRequest Build(string kind, string method, string target, List<byte[]>? headers = null)
    {
        var request = new List<byte>();
        request.AddRange(Bytes($"{method} "));
        request.AddRange(Wtf8(target));
        request.AddRange(Bytes($" HTTP/1.1\r\nHost: {host}\r\n"));
        foreach (var header in headers ?? [])
        {
            request.AddRange(header);
            request.AddRange(Bytes("\r\n"));
        }
        byte[] body = method is "POST" or "PUT" or "PATCH" && random.Next(2) == 0
            ? Wtf8(Pick(["a=1&__RequestVerificationToken=x", "{\"q\":\"創新\"}", Junk(random.Next(0, 200))]))
            : [];
        if (body.Length > 0)
            request.AddRange(Bytes($"Content-Type: {Pick(["application/x-www-form-urlencoded", "application/json", "text/plain", "multipart/form-data; boundary=x"])}\r\nContent-Length: {body.Length}\r\n"));
        request.AddRange(Bytes("Connection: close\r\n\r\n"));
        request.AddRange(body);
        return new HostileRequest(kind, method, target, request.ToArray());
    }

    /// <summary>Random text from the places where text handling breaks: controls, lone surrogates, bidi and zero-width marks, noncharacters, astral characters, Han.</summary>
    string Junk(int length)
    {
        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            switch (random.Next(12))
            {
                case 0: text.Append((char)random.Next(0x00, 0x20)); break;
                case 1: text.Append((char)random.Next(0x7F, 0xA0)); break;
                case 2: text.Append((char)random.Next(0xD800, 0xE000)); break;                   // a lone surrogate
                case 3: text.Append((char)random.Next(0x0300, 0x0370)); break;                   // combining marks
                case 4: text.Append(Pick("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200B\u200C\u200D\u200E\u200F\uFEFF\uFFFE\uFFFF\uFDD0")); break;
                case 5: text.Append(char.ConvertFromUtf32(random.Next(0x1F600, 0x1F650))); break;
                case 6: text.Append(char.ConvertFromUtf32(random.Next(0x20000, 0x2A6DF))); break;
                case 7: text.Append((char)random.Next(0xFF01, 0xFF5F)); break;                   // fullwidth
                case 8: text.Append(Pick("\"*^:()-+'%_\\/?#&=;<>{}[]|`~!@$,.")); break;
                case 9: text.Append((char)random.Next(0x21, 0x7F)); break;
                default: text.Append((char)random.Next(0x4E00, 0xA000)); break;
            }
        }
        return text.ToString();
    }

    string RandomSlug() => random.Next(3) == 0 ? Percent(Wtf8(Junk(random.Next(1, 15))))
        : new string(Enumerable.Range(0, random.Next(1, 60)).Select(_ => Pick("abcdefghijklmnopqrstuvwxyz0123456789-_.~")).ToArray());

    T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    char Pick(string characters) => characters[random.Next(characters.Length)];

    static byte[] Bytes(string ascii) => Encoding.Latin1.GetBytes(ascii);

    /// <summary>UTF-8, except that a lone surrogate becomes its three-byte form (WTF-8) instead of U+FFFD: the bytes a careless encoder sends.</summary>
    static byte[] Wtf8(string text)
    {
        var bytes = new List<byte>(text.Length * 3);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, 2)));
                i++;
            }
            else if (char.IsSurrogate(c))
                bytes.AddRange([(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
            else
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }
        return bytes.ToArray();
    }

    /// <summary>Every byte but the unreserved ones as %XX, so the bytes arrive whatever they are.</summary>
    static string Percent(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
            text.Append(b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~'
                ? ((char)b).ToString() : $"%{b:X2}");
        return text.ToString();
    }
}
