namespace PolicyNews.Web.Hosting;

/// <summary>
/// How the portal caches what it renders and how long it trusts the import generation, bound from
/// the <c>Caching</c> configuration section (docs/operations.md#caching-and-compression).
/// </summary>
public sealed class CachingSettings
{
    public const string SectionName = "Caching";

    /// <summary><c>Caching:OutputCache</c> — keep rendered pages, feed, sitemap, robots.txt and API answers in memory.</summary>
    public bool OutputCache { get; set; } = true;

    /// <summary>
    /// <c>Caching:GenerationCheckSeconds</c> — how long the import generation read from the database is
    /// trusted before it is read again; an import shows on the pages at most this much later. 0: every request reads it.
    /// </summary>
    public double GenerationCheckSeconds { get; set; } = 1;

    /// <summary><c>Caching:SizeLimitMegabytes</c> — the most the output cache holds, all entries together.</summary>
    public int SizeLimitMegabytes { get; set; } = 64;

    /// <summary><c>Caching:MaximumBodyMegabytes</c> — a larger response is sent but not kept.</summary>
    public int MaximumBodyMegabytes { get; set; } = 8;

    /// <summary><c>Caching:ExpirationSeconds</c> — how long an entry is kept at most (an import drops them all sooner).</summary>
    public int ExpirationSeconds { get; set; } = 600;
}
