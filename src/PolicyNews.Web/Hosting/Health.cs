using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serilog.AspNetCore;
using Serilog.Events;

namespace PolicyNews.Web.Hosting;

/// <summary>
/// Health and shutdown, with the framework's health checks: <c>/healthz</c> (liveness: the process
/// answers HTTP; no check runs) and <c>/readyz</c> (readiness: <see cref="ArchiveReadiness"/>, as
/// JSON). Both answer GET and HEAD, never cached. A healthy probe is logged at Verbose, so a probe
/// every few seconds does not fill the request log; a 503 as a warning.
/// Shutdown (SIGTERM, Ctrl+C): Kestrel stops accepting connections, requests in flight get
/// <c>HostOptions:ShutdownTimeout</c> to finish, readiness turns unhealthy meanwhile.
/// </summary>
public static class Health
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";
    const string ReadyTag = "ready";

    /// <summary>Under <c>docker stop</c>'s 10 s between SIGTERM and SIGKILL (the framework's default is 30 s).</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(8);

    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<ArchiveReadiness>("archive", tags: [ReadyTag]);

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = DefaultShutdownTimeout);
        builder.Services.Configure<HostOptions>(builder.Configuration.GetSection("HostOptions"));

        // UseSerilogRequestLogging() reads these options from the container.
        builder.Services.Configure<RequestLoggingOptions>(o =>
        {
            var level = o.GetLevel;
            o.GetLevel = (context, elapsed, ex) => (ex, IsHealthPath(context.Request.Path), context.Response.StatusCode) switch
            {
                (null, true, StatusCodes.Status200OK) => LogEventLevel.Verbose,
                (null, true, StatusCodes.Status503ServiceUnavailable) => LogEventLevel.Warning,   // not ready: worth a line, not an error
                _ => level(context, elapsed, ex),
            };
        });
        return builder;
    }

    /// <summary>
    /// The two endpoints as the framework's health-check middleware, early in the pipeline: after
    /// the request log, before the https redirect — the container's probe asks over plain http on
    /// loopback, which no proxy marks as https — and before output caching, rate limits and request
    /// timeouts, which therefore never apply to them. GET and HEAD only; other methods go on to the
    /// routes like any unknown path.
    /// </summary>
    public static WebApplication UseHealth(this WebApplication app)
    {
        app.UseWhen(context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method), probes => probes
            .UseHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false })
            .UseHealthChecks(ReadyPath, new HealthCheckOptions
            {
                Predicate = check => check.Tags.Contains(ReadyTag),
                ResponseWriter = WriteJson,
            }));
        return app;
    }

    static bool IsHealthPath(PathString path) =>
        path.Equals(LivePath, StringComparison.OrdinalIgnoreCase) || path.Equals(ReadyPath, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>{"status":"Healthy","checks":{"archive":{"status":…,"description":…, …data}}}</c></summary>
    static async Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var buffer = new ArrayBufferWriter<byte>();   // Kestrel allows only asynchronous writes to the body
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            Write(json, report);
        await context.Response.Body.WriteAsync(buffer.WrittenMemory);
    }

    static void Write(Utf8JsonWriter json, HealthReport report)
    {
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description);
            foreach (var (key, value) in entry.Data)
            {
                json.WritePropertyName(key);
                JsonSerializer.Serialize(json, value, value.GetType());
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }
}

/// <summary>
/// Ready when the archive can be served: the file opens now (a fresh connection, so a deleted or
/// unreadable file shows), its schema is the one this build knows (an importer from a newer build
/// may have migrated it since start; a file swapped for an older one would need migrating), and the
/// <c>quick_check</c> run at start (cached: it reads the whole file) found nothing — or, for a file
/// checked while it is served, has found nothing so far ("running"). Unhealthy too while the process
/// shuts down.
/// </summary>
public sealed class ArchiveReadiness(ArchiveDatabase database, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check());

    HealthCheckResult Check()
    {
        var data = new Dictionary<string, object>
        {
            ["database"] = database.Description,
            ["readOnly"] = database.ReadOnly,
            ["schemaExpected"] = database.LatestSchemaVersion,
        };
        var check = database.Integrity;
        if (database.IntegrityCheckPending)
            data["quickCheck"] = "running";
        else if (check is not null)
        {
            data["quickCheck"] = check.Ok ? "ok" : string.Join("; ", check.Problems);
            data["quickCheckAt"] = check.At;
            data["quickCheckMs"] = Math.Round(check.Took.TotalMilliseconds, 1);
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested)
            return HealthCheckResult.Unhealthy("shutting down", data: data);

        int version;
        try
        {
            version = database.ProbeSchemaVersion();
        }
        catch (StoreException ex)
        {
            return HealthCheckResult.Unhealthy($"{ex.Message} ({ex.InnerException?.Message})", data: data);
        }
        data["schema"] = version;

        if (version > database.LatestSchemaVersion)
            return HealthCheckResult.Unhealthy(
                $"schema version {version} is newer than this build knows ({database.LatestSchemaVersion}): an importer from a newer build migrated it; run the newer portal", data: data);
        if (version < database.LatestSchemaVersion)
            return HealthCheckResult.Unhealthy(
                $"schema version {version} is older than this build needs ({database.LatestSchemaVersion}): the file was replaced; restart the portal to migrate it", data: data);
        if (check is { Ok: false })
            return HealthCheckResult.Unhealthy("quick_check found damage", data: data);
        var checkState = database.IntegrityCheckPending ? "running" : check is null ? "not run" : "ok";
        return HealthCheckResult.Healthy($"schema {version}, quick_check {checkState}{(database.ReadOnly ? ", read-only" : "")}", data);
    }
}
