using System.Globalization;

namespace PolicyNews.Archive.Store;

/// <summary>What a sitemap entry points at: an article page, a section page or a tag page.</summary>
public enum SitemapKind { Article, Section, Tag }

/// <summary>
/// One page of the archive for the sitemap: an article (<see cref="Slug"/>), a section of one
/// (<see cref="SectionSlug"/> too) or a tag in use, with when the importer last rewrote what it shows.
/// </summary>
public sealed record SitemapEntry(SitemapKind Kind, string Slug, string? SectionSlug, DateTimeOffset LastModified);

/// <summary>
/// The archive's pages for the sitemap as one list — every article, then every section, then every
/// tag that tags something, each by row id — read a slice at a time, so a sitemap file costs its
/// own rows and never the whole archive.
/// </summary>
public sealed class SitemapStore(ArchiveDatabase database)
{
    /// <summary>How many entries the list holds.</summary>
    public long Count(CancellationToken cancellationToken = default) => database.Read("count the sitemap's pages", session =>
        Segments.Sum(segment => session.QuerySingleOrDefault<long>(segment.Count)), cancellationToken);

    /// <summary>The entries from position <paramref name="skip"/> (0-based), at most <paramref name="take"/> of them.</summary>
    public IReadOnlyList<SitemapEntry> Slice(long skip, int take, CancellationToken cancellationToken = default) =>
        database.Read($"list the sitemap's pages {skip} to {skip + take}", session =>
        {
            var entries = new List<SitemapEntry>(take);
            foreach (var segment in Segments)
            {
                if (entries.Count == take)
                    break;
                var count = session.QuerySingleOrDefault<long>(segment.Count);
                if (skip >= count)
                {
                    skip -= count;
                    continue;
                }
                entries.AddRange(session.Query<Row>($"{segment.Rows} LIMIT @take OFFSET @skip", new { take = take - entries.Count, skip })
                    .Select(r => new SitemapEntry(segment.Kind, r.Slug, r.SectionSlug, ParseTime(r.Changed))));
                skip = 0;
            }
            return entries;
        }, cancellationToken);

    static DateTimeOffset ParseTime(string text) => DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'",
        CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    sealed record Segment(SitemapKind Kind, string Count, string Rows);

    /// <summary>
    /// The three parts of the list, each ordered by row id (the primary key: a slice is an index
    /// walk). A page changes when the importer rewrites its article (<c>source_files.imported_at</c>);
    /// a tag's page when any article it tags was rewritten.
    /// </summary>
    static readonly Segment[] Segments =
    [
        new(SitemapKind.Article, "SELECT COUNT(*) FROM articles", """
            SELECT a.slug, NULL AS SectionSlug, f.imported_at AS Changed
            FROM articles a JOIN source_files f ON f.id = a.source_file_id
            ORDER BY a.id
            """),
        new(SitemapKind.Section, "SELECT COUNT(*) FROM sections", """
            SELECT a.slug, s.slug AS SectionSlug, f.imported_at AS Changed
            FROM sections s JOIN articles a ON a.id = s.article_id JOIN source_files f ON f.id = a.source_file_id
            ORDER BY s.id
            """),
        new(SitemapKind.Tag, "SELECT COUNT(DISTINCT tag_id) FROM section_tags", """
            SELECT t.slug, NULL AS SectionSlug, MAX(f.imported_at) AS Changed
            FROM tags t
            JOIN section_tags st ON st.tag_id = t.id
            JOIN sections s ON s.id = st.section_id
            JOIN articles a ON a.id = s.article_id
            JOIN source_files f ON f.id = a.source_file_id
            GROUP BY t.id
            ORDER BY t.id
            """),
    ];

    sealed class Row
    {
        public string Slug { get; set; } = "";
        public string? SectionSlug { get; set; }
        public string Changed { get; set; } = "";
    }
}
