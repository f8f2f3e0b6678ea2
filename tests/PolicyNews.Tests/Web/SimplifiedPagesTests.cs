using AngleSharp.Dom;
using PolicyNews.Archive.Chinese;
using PolicyNews.Tests.Search;

namespace PolicyNews.Tests.Web;

/// <summary>
/// A reader who chose Simplified sees Simplified everywhere: every text a page shows (body, title,
/// meta and OpenGraph, tooltips, labels), and every text of the JSON API asked for in Simplified, is
/// what the conversion tables make of it, apart from
/// elements that declare a language of their own with <c>lang</c> (the switch's own 繁體, the
/// source's damaged text, a query or an example as typed) and the source's text after 原文： in a
/// repair's tooltip (an attribute cannot carry a lang of its own).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SimplifiedPagesTests(PortalFixture portal)
{
    static readonly string[] ShownAttributes = ["title", "aria-label", "placeholder", "alt", "content"];

    public static TheoryData<string> EveryPageType() =>
    [
        "/", "/tags", "/tags/hangzhou", "/about", "/help", "/search", "/search?q=創新", "/search?q=chuangxin",
        $"/articles/{SeedArchive.Replicated}", $"/articles/{SeedArchive.Lessons}", $"/articles/{SeedArchive.Lessons}/lead",
        "/no-such-page",
    ];

    [Theory]
    [MemberData(nameof(EveryPageType))]
    public async Task ShowsNoCharacterTheTablesWouldStillChange(string path)
    {
        var url = path + (path.Contains('?') ? "&" : "?") + "script=hans";
        var page = await portal.Page(url, expectedStatus: path == "/no-such-page" ? 404 : 200);

        Assert.Equal("zh-Hans", page.DocumentElement.GetAttribute("lang"));
        var unconverted = ShownTexts(page)
            .Where(t => ScriptConverter.ToSimplified(t) != t)
            .Select(t => $"「{t.Trim()}」 → 「{ScriptConverter.ToSimplified(t).Trim()}」")
            .Distinct()
            .ToList();
        Assert.True(unconverted.Count == 0, $"{url} shows Traditional text:\n{string.Join('\n', unconverted.Take(20))}");
    }

    /// <summary>Every JSON answer with archive text, asked for in Simplified (<c>?script=hans</c>).</summary>
    public static TheoryData<string> EveryJsonAnswer() =>
    [
        "/api/articles", "/api/articles?tag=hangzhou", $"/api/articles/{SeedArchive.Replicated}", $"/api/articles/{SeedArchive.Lessons}",
        $"/api/articles/{SeedArchive.Lessons}/lead", "/api/tags", "/api/tags/hangzhou", "/api/search?q=創新", "/api/search?q=chuangxin",
    ];

    /// <summary>
    /// What a JSON answer holds as it was stored or typed, not as text to read: the query and its terms,
    /// the filter it was asked for and the facets' keys (values to filter by), a repair's damaged original.
    /// </summary>
    static readonly string[] KeptAsItIs = ["query", "terms", "filter", "key", "original"];

    [Theory]
    [MemberData(nameof(EveryJsonAnswer))]
    public async Task TheJsonApiShowsNoCharacterTheTablesWouldStillChange(string path)
    {
        var url = path + (path.Contains('?') ? "&" : "?") + "script=hans";
        using var json = System.Text.Json.JsonDocument.Parse(await portal.Client().GetStringAsync(url));

        Assert.Equal("zh-Hans", json.RootElement.GetProperty("lang").GetString());
        var strings = Strings(json.RootElement, "").ToList();
        Assert.Contains(strings, s => s.Text.Any(c => c >= 0x4E00));
        var unconverted = strings.Where(s => ScriptConverter.ToSimplified(s.Text) != s.Text)
            .Select(s => $"{s.Path}: 「{s.Text}」 → 「{ScriptConverter.ToSimplified(s.Text)}」").Distinct().ToList();
        Assert.True(unconverted.Count == 0, $"{url} holds Traditional text:\n{string.Join('\n', unconverted.Take(20))}");
    }

    static IEnumerable<(string Path, string Text)> Strings(System.Text.Json.JsonElement element, string path) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => [(path, element.GetString()!)],
        System.Text.Json.JsonValueKind.Array => element.EnumerateArray().SelectMany(e => Strings(e, path + "[]")),
        System.Text.Json.JsonValueKind.Object => element.EnumerateObject().Where(p => !KeptAsItIs.Contains(p.Name))
            .SelectMany(p => Strings(p.Value, path + "." + p.Name)),
        _ => [],
    };

    /// <summary>
    /// A search match or a repair that marks part of a word does not change how the word converts:
    /// the seeds' 顯著 reads 显著 with its 著 marked (著 alone would become 着).
    /// </summary>
    [Fact]
    public async Task AMarkInsideAWordLeavesTheWordsConversionAlone()
    {
        var results = await portal.Page("/search?q=" + Uri.EscapeDataString("著") + "&script=hans");
        var snippets = results.QuerySelectorAll(".snippet").Select(p => p.TextContent).ToList();
        Assert.Contains(snippets, s => s.Contains("显著"));
        Assert.DoesNotContain(snippets, s => s.Contains("显着"));

        var hit = results.QuerySelectorAll("a.hit-link").Select(a => a.GetAttribute("href")!).First(h => h.Contains("hl="));
        var section = await portal.Page(hit.Split('#')[0] + "&script=hans");
        var text = string.Concat(section.QuerySelectorAll(".section-page p[id^=p]").Select(p => p.TextContent));
        Assert.Contains(section.QuerySelectorAll("mark"), m => m.TextContent == "著");
        Assert.DoesNotContain("显着", text);
        Assert.Equal(ScriptConverter.ToSimplified(text), text);
    }

    [Fact]
    public async Task TheFeedReadsInTheScriptAskedFor()
    {
        var atom = System.Xml.Linq.XNamespace.Get("http://www.w3.org/2005/Atom");
        var feed = System.Xml.Linq.XDocument.Parse(await portal.Client().GetStringAsync("/feed.atom?script=hans"));

        Assert.Equal("zh-Hans", feed.Root!.Attribute(System.Xml.Linq.XNamespace.Xml + "lang")?.Value);
        var shown = feed.Root.Descendants(atom + "title").Concat(feed.Root.Descendants(atom + "content")).Concat(feed.Root.Descendants(atom + "name"))
            .Select(e => e.Value).Concat(feed.Root.Descendants(atom + "category").Select(c => c.Attribute("label")!.Value)).ToList();
        Assert.Contains("PolicyNews 政策新闻档案", shown);
        Assert.All(shown, text => Assert.Equal(ScriptConverter.ToSimplified(text), text));
    }

    /// <summary>Text nodes and shown attributes, outside any element marked as Traditional.</summary>
    static IEnumerable<string> ShownTexts(IDocument page)
    {
        foreach (var element in page.All)
        {
            if (InOtherLanguage(element) || element.LocalName is "script" or "style")
                continue;
            foreach (var text in element.ChildNodes.OfType<IText>())
                yield return text.Data;
            foreach (var name in ShownAttributes)
                if (element.GetAttribute(name) is { } value && (name != "content" || element.LocalName == "meta"))
                    yield return name == "title" && element.ClassList.Contains("repair") ? value[..(value.IndexOf("原文：", StringComparison.Ordinal) + 3)] : value;
        }
    }

    static bool InOtherLanguage(IElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
            if (e != e.Owner!.DocumentElement && e.GetAttribute("lang") is { } lang)
                return !lang.StartsWith("zh-Hans", StringComparison.OrdinalIgnoreCase);
        return false;
    }
}
