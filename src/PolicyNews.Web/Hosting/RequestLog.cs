using Serilog;
using Serilog.AspNetCore;
using Serilog.Events;

namespace PolicyNews.Web.Hosting;

/// <summary>
/// Serilog, configured from the <c>Serilog</c> section, and its request log: one line per request
/// that did work — rendered, refused, failed — at Information (5xx and exceptions at Error, as
/// Serilog decides). Answers that cost next to nothing — a page served from the output cache (it
/// carries <c>Age</c>) or a 304 revalidation — are logged at Debug: writing a console line for
/// each took 15–20 % of the CPU of a cached article page under load (docs/performance.md), more
/// than the cache lookup. Health probes are quieter still (<see cref="Health"/>).
/// </summary>
public static class RequestLog
{
    public static WebApplicationBuilder AddRequestLog(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services));
        // UseSerilogRequestLogging() reads these options from the container. The host's own logger,
        // not the static Log.Logger, which the last host built in a process owns (tests build several).
        builder.Services.AddOptions<RequestLoggingOptions>().Configure<Serilog.ILogger>((o, logger) =>
        {
            o.Logger = logger;
            var level = o.GetLevel;
            o.GetLevel = (context, elapsed, ex) => level(context, elapsed, ex) is var chosen && chosen == LogEventLevel.Information && IsRepeat(context.Response)
                ? LogEventLevel.Debug
                : chosen;
        });
        return builder;
    }

    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app) => app.UseSerilogRequestLogging();

    /// <summary>Bytes already made: from the output cache (which adds Age), or a 304.</summary>
    static bool IsRepeat(HttpResponse response) =>
        response.StatusCode == StatusCodes.Status304NotModified
        || (response.StatusCode == StatusCodes.Status200OK && response.Headers.Age.Count > 0);
}
