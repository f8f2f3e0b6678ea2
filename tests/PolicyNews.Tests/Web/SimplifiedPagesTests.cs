using AngleSharp.Dom;
using PolicyNews.Archive.Chinese;
using PolicyNews.Tests.Search;

namespace PolicyNews.Tests.Web;

/// <summary>
/// A reader who chose Simplified sees Simplified everywhere: every text a page shows (body, title,
/// meta and OpenGraph, tooltips, labels) is what the conversion tables make of it, apart from
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
