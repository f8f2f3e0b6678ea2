using PolicyNews.Archive;
using PolicyNews.Web.Citations;
using PolicyNews.Web.Feeds;
using PolicyNews.Web.Hosting;
using PolicyNews.Web.Pages.Articles;
using PolicyNews.Web.Pages.Home;
using PolicyNews.Web.Pages.SearchPage;
using PolicyNews.Web.ShareCards;
using PolicyNews.Web.Pages.Tags;
using System.Text.Encodings.Web;
using System.Text.Unicode;

// The portal, in the order a request meets it. Paths (database, seeds, wwwroot, docs) are relative
// to the working directory: `dotnet run --project src/PolicyNews.Web` runs in the repository root
// (RunWorkingDirectory in the .csproj), the container in /app.

// `--healthcheck [URL]`: the container's HEALTHCHECK asks a running portal and exits (no server).
if (HealthProbe.IsRequested(args))
{
    Environment.ExitCode = await HealthProbe.RunAsync(args, Console.Out);
    return;
}

var folders = SiteFolders.Locate();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,   // appsettings.json sits beside the assembly
    WebRootPath = folders.WebRoot,
});

// Serilog from the Serilog section; the request log, quiet about answers served from the cache.
builder.AddRequestLog();
builder.Services.AddSingleton(folders);
builder.Services.Configure<ArchiveSettings>(builder.Configuration.GetSection(ArchiveSettings.SectionName));
builder.Services.AddArchive();
// The public origin every absolute URL starts with, the hosts served, the proxies believed.
builder.AddPublicOrigin();
builder.Services.AddSecurityHeaders();
builder.Services.AddScoped<DisplayPreferences>();
builder.Services.AddRazorPages();
// Share cards (og:image): an article's title drawn with a CJK font found at start (ShareCards:Fonts), if any.
builder.Services.AddShareCards(builder.Configuration);
// Pages are mostly Chinese: emit it as UTF-8 text, not as &#x…; escapes three times the size.
builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
// Validators and output cache keyed on the import generation, compression, static assets from the build.
builder.AddHttpCaching(folders);
// Health checks (/healthz, /readyz) and graceful shutdown (HostOptions:ShutdownTimeout).
builder.AddHealth();
// The JSON API's OpenAPI document, from the endpoints' own declarations.
builder.AddApiDescription();
// Feed sizes and the sitemap's files (Feeds:*).
builder.AddFeeds();
// Rate limits per client and time limits (Limits:*), chosen per endpoint after routing.
builder.AddLimits();

var app = builder.Build();

// A Site setting that cannot be read stops the start with one line naming it (exit code 2).
if (!app.CheckSiteSettings())
{
    Environment.ExitCode = 2;
    return;
}

// Before the first request: check, open and migrate the database, importing the seeds if it is
// empty. A database the portal cannot serve stops the start: one line naming file and fault (exit code 3).
if (!ArchiveStartup.Prepare(app.Services))
{
    Environment.ExitCode = ArchiveStartup.CannotServe;
    return;
}

app.UseTrustedProxies();                    // the client's address and scheme, from configured proxies only
// Errors: the error page for pages, problem JSON for /api/*, whatever the method.
app.UseErrorResponses();
app.UseRequestLog();
app.UseHealth();                            // /healthz, /readyz: before the https redirect (the container's probe speaks plain http)
app.UseHttpsForPublicOrigin();              // an https public origin: redirect http, send HSTS
app.UseSecurityHeaders();
// GET and HEAD only, everywhere: 405 with Allow for other methods, 204 for OPTIONS.
app.UseReadOnlyMethods();
app.UseDisplayPreferences();
app.UseRouting();
// Limits before the cache: a client's budget counts every search, answered from the cache or not.
app.UseLimits();
app.UseHttpCaching();

// Static assets (fingerprinted, precompressed), pages, their JSON twins (each beside its page), the
// reference files and share cards beside the article pages, and the feeds.
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapArchiveApi();
app.MapArticleApi();
app.MapSearchApi();
app.MapCitationDownloads();
app.MapShareCards();
app.MapTagApi();
app.MapApiDescription();
app.MapFeeds();

app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
