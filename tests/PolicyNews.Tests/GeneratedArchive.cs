using System.Text.Json;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Store;

namespace PolicyNews.Tests;

/// <summary>
/// A seeded archive of generated articles, written as the files the real importer reads: one .txt
/// per article (a lead, two headed sections), articles.json (slug, title, source, date at mixed
/// precision or none, type) and tags.json. What it wrote is kept in <see cref="Articles"/>, so
/// tests know the true answer of any filter without asking the portal. Small on purpose: the
/// benchmark's generator (tools/) makes the large archives.
/// </summary>
public sealed class GeneratedArchive
{
    public static readonly IReadOnlyList<string> Sources = ["人民日報", "新華社", "中國政府網", "經濟日報", "光明日報", "中國科學報"];

    /// <summary>Tags with terms no filler sentence contains, so an article carries exactly the tags whose terms it was given.</summary>
    public static readonly IReadOnlyList<TagDefinition> Tags =
    [
        new("碳達峰", "carbon-peak", "topic", []),
        new("鄉村振興", "rural-revitalisation", "topic", []),
        new("數字經濟", "digital-economy", "topic", []),
        new("醫療改革", "healthcare-reform", "topic", []),
        new("王建國", "wang-jianguo", "person", []),
        new("李明華", "li-minghua", "person", []),
        new("國家發展改革委", "ndrc", "organisation", []),
        new("生態環境部", "mee", "organisation", []),
        new("深圳", "shenzhen", "place", []),
        new("雄安新區", "xiongan", "place", []),
    ];

    /// <summary>In every lead: a word to search that matches every article.</summary>
    public const string EveryLead = "統籌推進";

    static readonly string[] Filler =
    [
        "會議指出，要" + EveryLead + "各項重點任務，確保措施落地見效。",
        "有關負責人表示，將進一步完善配套制度，加強督促檢查。",
        "專家認為，這一做法有助於穩定預期、提振信心。",
        "下一步將總結經驗，及時研究解決實施中遇到的新問題。",
    ];

    public sealed record Article(string File, string Slug, string Title, string Source, string Type, string? Published,
        IReadOnlySet<string> Tags);

    public IReadOnlyList<Article> Articles { get; }

    public string Folder { get; }

    /// <summary>Writes <paramref name="count"/> articles into <paramref name="folder"/>, the same ones for the same seed.</summary>
    public GeneratedArchive(string folder, int count, int seed = 13)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var articles = new List<Article>();
        var metadata = new Dictionary<string, ArticleMetadata>();
        for (var i = 1; i <= count; i++)
        {
            // Skewed like a real archive: some sources and types far more common than others.
            var source = Sources[Math.Min(random.Next(Sources.Count + 3), random.Next(Sources.Count))];
            var type = ArticleTypes.All[Math.Min(random.Next(ArticleTypes.All.Count), random.Next(ArticleTypes.All.Count))].Key;
            var tags = Tags.Where(_ => random.Next(5) == 0).ToList();
            var article = new Article($"g{i:00000}.txt", $"generated-{i}", $"{source}第{i}號通報",
                source, type, Date(random), tags.Select(t => t.Slug).ToHashSet());
            articles.Add(article);
            metadata[article.File] = new ArticleMetadata(article.Slug, article.Title, source, article.Published, Type: type);

            // Each tag's term goes into one of the three sections, so tags differ between sections.
            var terms = new List<string>[3] { [], [], [] };
            foreach (var tag in tags)
                terms[random.Next(3)].Add(tag.Name);
            string Paragraph(int section) => Filler[(i + section) % Filler.Length] +
                (terms[section].Count == 0 ? "" : $"文中談到{string.Join("和", terms[section])}的情況。");
            File.WriteAllText(Path.Combine(folder, article.File), string.Join('\n',
                Filler[0] + Paragraph(0), "進展與成效", Paragraph(1), "下一步安排", Paragraph(2)) + "\n");
        }
        var json = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        File.WriteAllText(Path.Combine(folder, ArticleMetadataFile.FileName), JsonSerializer.Serialize(metadata, json));
        File.WriteAllText(Path.Combine(folder, TagTaxonomy.FileName), JsonSerializer.Serialize(
            Tags.Select(t => new { name = t.Name, slug = t.Slug, kind = t.Kind, aliases = t.Aliases }), json));
        Articles = articles;
    }

    /// <summary>2019–2025, mostly to the day, some to the month or year only, a few undated.</summary>
    static string? Date(Random random)
    {
        var year = 2019 + random.Next(7);
        var month = 1 + random.Next(12);
        var day = 1 + random.Next(DateTime.DaysInMonth(year, month));
        return random.Next(100) switch
        {
            < 3 => null,
            < 10 => $"{year}",
            < 40 => $"{year}-{month:00}",
            _ => $"{year}-{month:00}-{day:00}",
        };
    }
}
