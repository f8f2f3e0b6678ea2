using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace PolicyNews.Web.Hosting;

/// <summary>
/// The framework's rate limiter and request timeouts, set from <see cref="LimitSettings"/>:
/// <list type="bullet">
/// <item>policy <see cref="Search"/> (the search page and /api/search): a token bucket per client,
/// and the search's own time limit;</item>
/// <item>policy <see cref="Api"/> (the other /api endpoints): a token bucket per client;</item>
/// <item><c>count=all</c> searches, which count every hit however many: a few at a time for the
/// whole portal, the rest queued, then refused;</item>
/// <item>every other endpoint: the page time limit.</item>
/// </list>
/// A refusal is 429 with <c>Retry-After</c>; a request past its time limit is 503. Both are turned
/// into the error page or problem JSON by <see cref="ErrorResponses"/>. A time limit stops only
/// work that watches the request's token: the search does, down to the SQLite statement.
/// </summary>
public static class Limits
{
    /// <summary>Rate and time-limit policy of the search page and /api/search.</summary>
    public const string Search = "search";

    /// <summary>Rate policy of /api/articles and /api/articles/{slug}.</summary>
    public const string Api = "api";

    public static WebApplicationBuilder AddLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<LimitSettings>(builder.Configuration.GetSection(LimitSettings.SectionName));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitSettings>>((options, limits) => Configure(options, limits.Value));
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<LimitSettings>>((options, limits) =>
        {
            options.DefaultPolicy = TimeLimit(limits.Value.PageTimeout);
            options.AddPolicy(Search, TimeLimit(limits.Value.SearchTimeout));
        });
        return builder;
    }

    /// <summary>After routing: the limiters and time limits are chosen by endpoint.</summary>
    public static WebApplication UseLimits(this WebApplication app)
    {
        // Limiters first: a request waiting in the count=all queue is not yet running against its
        // time limit (and the rate limiter answers a request cancelled while queued with no status at all).
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        return app;
    }

    static void Configure(RateLimiterOptions options, LimitSettings limits)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (context, _) =>
        {
            // Token buckets know when the next token comes; the count=all queue does not: a second.
            var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
            context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        };
        var on = limits.Enabled;
        options.AddPolicy(Search, context => PerClient(context, Search, on ? limits.SearchPerMinute : 0, limits.SearchBurst));
        options.AddPolicy(Api, context => PerClient(context, Api, on ? limits.ApiPerMinute : 0, limits.ApiBurst));
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            on && limits.CountAllAtOnce > 0 && IsCountAll(context)
                ? RateLimitPartition.GetConcurrencyLimiter("count=all", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = limits.CountAllAtOnce,
                    QueueLimit = Math.Max(0, limits.CountAllQueue),
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
                : RateLimitPartition.GetNoLimiter(""));
    }

    static RateLimitPartition<string> PerClient(HttpContext context, string policy, int perMinute, int burst) =>
        perMinute <= 0 || burst <= 0
            ? RateLimitPartition.GetNoLimiter(policy)
            : RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) / perMinute,
                QueueLimit = 0,
                AutoReplenishment = true,
            });

    /// <summary>
    /// The client as the connection shows it (ForwardedHeaders has already put the address the
    /// configured proxies report there). An IPv6 client usually holds a whole /64, so it is one key:
    /// per address, each of its 2^64 addresses would be a fresh budget.
    /// </summary>
    public static string ClientKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    static bool IsCountAll(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Search
        && string.Equals(context.Request.Query["count"], "all", StringComparison.OrdinalIgnoreCase);

    // Zero (or less) turns a time limit off. 503: the request was fine, the server could not finish it in time.
    static RequestTimeoutPolicy TimeLimit(TimeSpan timeout) => new()
    {
        Timeout = timeout > TimeSpan.Zero ? timeout : null,
        TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
    };
}
