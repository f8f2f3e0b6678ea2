using System.Diagnostics;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace PolicyNews.Web.Hosting;

/// <summary>
/// The import generation as the web host sees it. The importer may run in another process, so the
/// generation is read from the database, and trusted for <see cref="CachingSettings.GenerationCheckSeconds"/>:
/// the read is one row by primary key, but it still opens a pooled connection and a read
/// transaction, which costs as much as serving a cached page (docs/performance.md). When the number
/// changes, every cached response is evicted; the cache key holds the number as well, so an entry
/// rendered from older data is never found under the new one.
/// </summary>
public sealed class GenerationWatch(
    ImportGenerationStore store, IOutputCacheStore cache, IOptions<CachingSettings> settings, ILogger<GenerationWatch> logger)
{
    /// <summary>The tag every cached response carries.</summary>
    public const string CacheTag = "archive";

    readonly TimeSpan trustedFor = TimeSpan.FromSeconds(Math.Max(0, settings.Value.GenerationCheckSeconds));
    Snapshot? last;

    sealed record Snapshot(ImportGeneration Generation, long ReadAt);

    /// <summary>The current generation, or null when it cannot be read (then nothing is cached or validated).</summary>
    public async ValueTask<ImportGeneration?> CurrentAsync(CancellationToken cancellation)
    {
        var known = Volatile.Read(ref last);
        var now = Stopwatch.GetTimestamp();
        if (known is not null && Stopwatch.GetElapsedTime(known.ReadAt, now) < trustedFor)
            return known.Generation;

        ImportGeneration current;
        try
        {
            current = store.Current();
        }
        catch (StoreException ex)
        {
            logger.LogWarning(ex, "caching: cannot read the import generation; this response is neither cached nor validated");
            return null;
        }

        Volatile.Write(ref last, new Snapshot(current, now));
        if (known is not null && known.Generation.Number != current.Number)
        {
            logger.LogInformation("caching: import generation {Old} → {New}; cached responses dropped",
                known.Generation.Number, current.Number);
            // Not the request's token: a visitor who leaves must not leave the old entries behind.
            await cache.EvictByTagAsync(CacheTag, CancellationToken.None);
        }
        return current;
    }
}
