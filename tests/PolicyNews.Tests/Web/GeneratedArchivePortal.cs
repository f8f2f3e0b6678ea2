using System.Text.Json;

namespace PolicyNews.Tests.Web;

/// <summary>
/// The portal on a generated archive of <see cref="ArticleCount"/> articles (a lead and three headed
/// sections each, one month apart, every second section tagged 創新), imported by the portal's own
/// start-up through the real pipeline, with feeds and sitemap files made small so that their limits
/// show: <c>Feeds:Entries</c> 5, <c>Feeds:SitemapUrlsPerFile</c> 25. The import generation is read
/// on every request, so a test's re-import shows at once.
/// </summary>
public sealed class GeneratedArchivePortal : PortalFixture
{
    public const int ArticleCount = 30;
    public const int FeedEntries = 5;
    public const int UrlsPerFile = 25;

    public GeneratedArchivePortal() : this(Generate()) { }

    GeneratedArchivePortal(string seeds) : base(
        ("Archive:Seeds", seeds), ("Feeds:Entries", $"{FeedEntries}"), ("Feeds:SitemapUrlsPerFile", $"{UrlsPerFile}"),
        ("Caching:GenerationCheckSeconds", "0"))
        => Seeds = seeds;

    /// <summary>The generated sources, articles.json and tags.json: what the portal imported at start.</summary>
    public string Seeds { get; }

    public static string Slug(int i) => $"generated-{i:D3}";

    /// <summary>Article <paramref name="i"/>'s text; <paramref name="edition"/> changes its last paragraph (a corrected re-import).</summary>
    public static string Text(int i, int edition = 1) => $"""
        第{i}篇報道的導語，談到科技政策的新進展。
        這是導語的第二段，補充背景資料。
        第一部分的標題{i}
        這一部分討論創新與人才培養，第{i}篇。
        第二部分的標題{i}
        這一部分討論財政與稅收安排，第{i}篇。
        第三部分的標題{i}
        這一部分討論創新的區域布局，第{i}篇，第{edition}版。
        """;

    /// <summary>The folder of sources, articles.json and tags.json; left in the temp folder like the database.</summary>
    static string Generate()
    {
        var folder = new TempFolder();
        var metadata = new Dictionary<string, object>();
        for (var i = 1; i <= ArticleCount; i++)
        {
            folder.Write($"{Slug(i)}.txt", Text(i));
            metadata[$"{Slug(i)}.txt"] = new
            {
                slug = Slug(i), title = $"生成的第{i}篇報道", source = "測試日報",
                published = new DateOnly(2020, 1, 1).AddMonths(i).ToString("yyyy-MM-dd"),
            };
        }
        folder.Write("articles.json", JsonSerializer.Serialize(metadata));
        folder.Write("tags.json", JsonSerializer.Serialize(new[]
        {
            new { name = "創新", slug = "innovation", kind = "topic", aliases = Array.Empty<string>() },
            new { name = "稅收", slug = "taxation", kind = "topic", aliases = Array.Empty<string>() },
        }));
        return folder.Path;
    }
}
