namespace PolicyNews.Web.Hosting;

/// <summary>
/// How much one client may ask and how long a request may run, bound from the <c>Limits</c>
/// configuration section (docs/operations.md, "Limits"). Rates are per client address (an IPv6
/// client per /64) as the connection shows it, or as the configured proxies report it. A rate or
/// burst of 0 turns that limiter off.
/// </summary>
public sealed class LimitSettings
{
    public const string SectionName = "Limits";

    /// <summary><c>Limits:Enabled</c> — false turns every rate limit off (per client and count=all); the time limits stay.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Limits:SearchPerMinute</c> — searches (/search and /api/search together) one client may make per minute, sustained.</summary>
    public int SearchPerMinute { get; set; } = 120;

    /// <summary><c>Limits:SearchBurst</c> — searches one client may make at once before the per-minute rate applies.</summary>
    public int SearchBurst { get; set; } = 30;

    /// <summary><c>Limits:ApiPerMinute</c> — requests to /api/articles and /api/articles/{slug} one client may make per minute, sustained.</summary>
    public int ApiPerMinute { get; set; } = 600;

    /// <summary><c>Limits:ApiBurst</c> — those requests one client may make at once.</summary>
    public int ApiBurst { get; set; } = 60;

    /// <summary><c>Limits:CountAllAtOnce</c> — <c>count=all</c> searches (each counts every hit) running at once, all clients together.</summary>
    public int CountAllAtOnce { get; set; } = 2;

    /// <summary><c>Limits:CountAllQueue</c> — <c>count=all</c> searches waiting for a turn; past this they get 429.</summary>
    public int CountAllQueue { get; set; } = 8;

    /// <summary><c>Limits:PageTimeout</c> — how long any page, feed or API request may run.</summary>
    public TimeSpan PageTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary><c>Limits:SearchTimeout</c> — how long a search may run before it is stopped and answered with 503.</summary>
    public TimeSpan SearchTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
