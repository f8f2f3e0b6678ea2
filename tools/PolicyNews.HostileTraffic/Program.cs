using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using PolicyNews.HostileTraffic;

// Hostile traffic against a running portal on this machine (docs/operations.md, "Hostile traffic").
// Sends generated requests (HostileRequests) over raw sockets, counts the answers by status, and
// fails if any answer is 500 or more, or any request gets no answer at all. The one exception is
// 505 to a request line claiming an HTTP version the server does not speak (HTTP/2.0 in text):
// the answer RFC 9110 requires, given by Kestrel before the portal sees the request; it is counted apart.
//
//   dotnet run -c Release --project tools/PolicyNews.HostileTraffic -- --url http://127.0.0.1:5000
//
// Options: --url (http://127.0.0.1:5000; loopback only), --requests N (6000), --seed S (14),
// --concurrency C (8), --duration SECONDS (300: the whole run stops there, and fails),
// --timeout SECONDS (20, per request), --show N (failures printed, 20).

var options = Options.Parse(args);
if (options is null)
    return 2;

var baseUri = new Uri(options.Url);
if (!IPAddress.TryParse(baseUri.Host, out var address) || !IPAddress.IsLoopback(address))
{
    Console.Error.WriteLine($"hostile-traffic: {baseUri.Host} is not a loopback address; this tool only runs against 127.0.0.1 or ::1");
    return 2;
}

var site = await Discover(baseUri);
Console.WriteLine($"hostile-traffic: {options.Requests} requests, seed {options.Seed}, {options.Concurrency} at a time, against {baseUri} " +
                  $"({site.Paths.Count} known paths, {site.ArticleSlugs.Count} articles, {site.TagSlugs.Count} tags)");

var generator = new HostileRequests(new Random(options.Seed), baseUri.Authority, site);
var requests = Enumerable.Range(0, options.Requests).Select(_ => generator.Next()).ToList();   // generated up front: the seed alone fixes them

var byStatus = new ConcurrentDictionary<string, int>();
var byKind = new ConcurrentDictionary<(string Kind, string Class), int>();
var failures = new ConcurrentQueue<(int Index, HostileRequest Request, Outcome Outcome)>();
var slowest = new ConcurrentBag<(TimeSpan Elapsed, int Index)>();
var versionRefused = 0;
var next = -1;
var sent = 0;
var deadline = Stopwatch.StartNew();
var timedOut = false;

var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
{
    while (true)
    {
        var i = Interlocked.Increment(ref next);
        if (i >= requests.Count)
            return;
        if (deadline.Elapsed > options.Duration)
        {
            timedOut = true;
            return;
        }
        var request = requests[i];
        var outcome = await RawHttp.SendAsync(baseUri.Host, baseUri.Port, request.Bytes, options.Timeout);
        Interlocked.Increment(ref sent);
        var key = outcome.Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer";
        byStatus.AddOrUpdate(key, 1, (_, n) => n + 1);
        byKind.AddOrUpdate((request.Kind, outcome.Status is { } s ? $"{s / 100}xx" : "none"), 1, (_, n) => n + 1);
        slowest.Add((outcome.Elapsed, i));
        if (request.UnsupportedVersion && outcome.Status == 505)
            Interlocked.Increment(ref versionRefused);
        else if (outcome.Status is null or >= 500)
            failures.Enqueue((i, request, outcome));
    }
})).ToArray();
await Task.WhenAll(workers);
var elapsed = deadline.Elapsed;

// The portal must still be up and answering normally afterwards.
var after = await RawHttp.SendAsync(baseUri.Host, baseUri.Port,
    System.Text.Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: {baseUri.Authority}\r\nConnection: close\r\n\r\n"), options.Timeout);

Console.WriteLine();
Console.WriteLine($"sent {sent} requests in {elapsed.TotalSeconds:0.0} s ({sent / elapsed.TotalSeconds:0} per second)");
Console.WriteLine();
Console.WriteLine("| status | responses |");
Console.WriteLine("|---|---|");
foreach (var (status, count) in byStatus.OrderBy(p => p.Key, StringComparer.Ordinal))
    Console.WriteLine($"| {status} | {count} |");
Console.WriteLine();
var classes = byKind.Keys.Select(k => k.Class).Distinct().Order(StringComparer.Ordinal).ToList();
Console.WriteLine($"| kind | {string.Join(" | ", classes)} |");
Console.WriteLine($"|---|{string.Concat(classes.Select(_ => "---|"))}");
foreach (var kind in byKind.Keys.Select(k => k.Kind).Distinct().Order(StringComparer.Ordinal))
    Console.WriteLine($"| {kind} | {string.Join(" | ", classes.Select(c => byKind.GetValueOrDefault((kind, c))))} |");
Console.WriteLine();
var ordered = slowest.Select(s => s.Elapsed.TotalMilliseconds).Order().ToList();
if (ordered.Count > 0)
    Console.WriteLine($"response time ms: p50 {ordered[ordered.Count / 2]:0.0}, p99 {ordered[(int)(ordered.Count * 0.99)]:0.0}, max {ordered[^1]:0.0}");
Console.WriteLine($"505 to a request line with an unsupported HTTP version (expected, not failures): {versionRefused}");
Console.WriteLine($"afterwards GET / answered {after.Status?.ToString(CultureInfo.InvariantCulture) ?? after.Error}");

foreach (var (index, request, outcome) in failures.OrderBy(f => f.Index).Take(options.Show))
    Console.WriteLine($"FAIL #{index} [{request.Kind}] {request.Method} {Shorten(request.Target)} -> {outcome.Status?.ToString(CultureInfo.InvariantCulture) ?? outcome.Error}");

var failed = !failures.IsEmpty || timedOut || after.Status != 200;
Console.WriteLine(failed
    ? $"FAILED: {failures.Count} answers >= 500 or without an answer{(timedOut ? $", stopped at the {options.Duration.TotalSeconds:0} s limit after {sent} of {requests.Count}" : "")}{(after.Status != 200 ? ", the portal no longer answers GET / with 200" : "")}"
    : $"OK: 0 answers >= 500 (besides the {versionRefused} expected 505), 0 without an answer, in {sent} requests");
return failed ? 1 : 0;

static string Shorten(string target)
{
    var printable = Regex.Replace(target, @"[^\u0020-\u007E\u4E00-\u9FFF]", m => $"\\u{(int)m.Value[0]:X4}");
    return printable.Length > 140 ? printable[..140] + $"… ({target.Length} chars)" : printable;
}

// The real paths, from the sitemap and the API (both plain GETs), so generated requests can come close to them.
static async Task<Site> Discover(Uri baseUri)
{
    using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
    var sitemap = await http.GetStringAsync("/sitemap.xml");
    var paths = Regex.Matches(sitemap, "<loc>([^<]+)</loc>").Select(m => new Uri(m.Groups[1].Value).PathAndQuery).ToList();
    using var api = JsonDocument.Parse(await http.GetStringAsync("/api/articles"));
    var articles = api.RootElement.GetProperty("articles").EnumerateArray().ToList();
    var slugs = articles.Select(a => a.GetProperty("slug").GetString()!).ToList();
    var tags = paths.Where(p => p.StartsWith("/tags/", StringComparison.Ordinal)).Select(p => p["/tags/".Length..]).ToList();
    var permalinks = articles.SelectMany(a => a.GetProperty("sections").EnumerateArray()).Select(s => s.GetProperty("permalink").GetString()!);
    paths.AddRange(permalinks);
    paths.AddRange(["/search", "/about", "/help", "/feed.atom", "/robots.txt", "/api/articles", "/api/search", "/css/site.css", "/js/site.js", "/favicon.svg"]);
    paths.AddRange(slugs.Select(s => "/api/articles/" + s));
    return new Site(paths.Distinct().ToList(), slugs.DefaultIfEmpty("no-article").ToList(), tags.DefaultIfEmpty("no-tag").ToList());
}

sealed record Options(string Url, int Requests, int Seed, int Concurrency, TimeSpan Duration, TimeSpan Timeout, int Show)
{
    public static Options? Parse(string[] args)
    {
        var o = new Options("http://127.0.0.1:5000", 6000, 14, 8, TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(20), 20);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                o = args[i] switch
                {
                    "--url" => o with { Url = Value() },
                    "--requests" => o with { Requests = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--seed" => o with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--concurrency" => o with { Concurrency = Math.Max(1, int.Parse(Value(), CultureInfo.InvariantCulture)) },
                    "--duration" => o with { Duration = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                    "--timeout" => o with { Timeout = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                    "--show" => o with { Show = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                Console.Error.WriteLine($"hostile-traffic: {e.Message}");
                return null;
            }
        }
        return o;
    }
}
