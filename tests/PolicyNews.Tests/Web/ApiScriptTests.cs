using System.Globalization;
using System.Text.Json;
using CsvHelper;
using PolicyNews.Archive.Chinese;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;
using PolicyNews.Tests.Search;
using PolicyNews.Web.Display;

namespace PolicyNews.Tests.Web;

/// <summary>
/// The JSON API and the CSV exports in either script (<c>?script=hant|hans</c>): the answer says which,
/// text is converted as the pages convert it, marks at offsets (repairs, pinyin, search matches) cover
/// the same characters in the converted text, links keep the script, and a value the API cannot read
/// is a 400 problem.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ApiScriptTests(PortalFixture portal)
{
    /// <summary>Every API answer that carries archive text.</summary>
    public static TheoryData<string> Answers() =>
    [
        "/api/articles", "/api/articles?type=news", $"/api/articles/{SeedArchive.Replicated}", $"/api/articles/{SeedArchive.Lessons}",
        $"/api/articles/{SeedArchive.Lessons}/lead", "/api/tags", "/api/tags/hangzhou", "/api/search?q=創新", "/api/search?q=chuangxin",
        "/api/articles.csv", $"/api/articles/{SeedArchive.Replicated}.csv", "/api/tags/hangzhou.csv", "/api/search.csv?q=創新",
    ];

    static string InScript(string path, string script) => path + (path.Contains('?') ? "&" : "?") + "script=" + script;

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task AnAnswerSaysWhichScriptItIsIn(string path)
    {
        foreach (var (url, lang) in new[] { (path, "zh-Hant"), (InScript(path, "hant"), "zh-Hant"), (InScript(path, "hans"), "zh-Hans") })
        {
            using var response = await portal.Client().GetAsync(url);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal([lang], response.Content.Headers.ContentLanguage);
            if (response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal(lang, json.RootElement.GetProperty("lang").GetString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task AScriptTheApiCannotReadIsAProblemThatSaysWhy(string path)
    {
        foreach (var url in new[] { InScript(path, "latin"), InScript(path, "hans") + "&script=hant" })
        {
            using var response = await portal.Client().GetAsync(url);
            Assert.Equal(400, (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("script must be 'hant'", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData(SeedArchive.Replicated)]
    [InlineData(SeedArchive.Lessons)]
    public async Task EveryMarkOfTheSeedsCoversTheSameCharactersInSimplified(string slug)
    {
        using var hant = JsonDocument.Parse(await portal.Client().GetStringAsync($"/api/articles/{slug}"));
        using var hans = JsonDocument.Parse(await portal.Client().GetStringAsync($"/api/articles/{slug}?script=hans"));
        var marks = 0;
        var wrong = new List<string>();

        foreach (var (t, s) in Paragraphs(hant).Zip(Paragraphs(hans)))
        {
            var text = t.GetProperty("text").GetString()!;
            var converted = s.GetProperty("text").GetString()!;
            Assert.Equal(ScriptConverter.ToSimplified(text), converted);
            foreach (var (kind, field, length) in new[] { ("repairs", "replacement", (string?)"length"), ("pinyin", "character", null) })
            {
                foreach (var (tm, sm) in t.GetProperty(kind).EnumerateArray().Zip(s.GetProperty(kind).EnumerateArray()))
                {
                    marks++;
                    int start = tm.GetProperty("offset").GetInt32(), end = start + (length is null ? tm.GetProperty(field).GetString()!.Length : tm.GetProperty(length).GetInt32());
                    int mappedStart = sm.GetProperty("offset").GetInt32(), mappedEnd = mappedStart + (length is null ? sm.GetProperty(field).GetString()!.Length : sm.GetProperty(length).GetInt32());
                    var marked = converted[mappedStart..mappedEnd];
                    // What is marked is what the answer says stands there.
                    if (marked != sm.GetProperty(field).GetString())
                        wrong.Add($"{kind} at {start} in 「{text}」: the text holds 「{marked}」, the mark says 「{sm.GetProperty(field).GetString()}」");
                    // The marked characters are the conversion of the Traditional ones: exactly, where the mark does not
                    // cut a word the tables convert as one; otherwise as many characters, at the same place.
                    string before = ScriptConverter.ToSimplified(text[..start]), inside = ScriptConverter.ToSimplified(text[start..end]);
                    int sameStart = SameCharacters(converted, text[..start]), sameEnd = SameCharacters(converted, text[..end]);
                    var expected = before + inside + ScriptConverter.ToSimplified(text[end..]) == converted
                        ? (before.Length, inside)
                        : (sameStart, converted[sameStart..sameEnd]);
                    if ((mappedStart, marked) != expected)
                        wrong.Add($"{kind} 「{text[start..end]}」 at {start} in 「{text}」: 「{marked}」 at {mappedStart}, expected 「{expected.Item2}」 at {expected.Item1}");
                    // The source's damaged text is evidence: never converted.
                    if (kind == "repairs")
                        Assert.Equal(tm.GetProperty("original").GetString(), sm.GetProperty("original").GetString());
                }
            }
        }
        Assert.True(marks > 0, $"{slug} has no repairs or pinyin");
        Assert.True(wrong.Count == 0, string.Join('\n', wrong.Take(20)));
    }

    static IEnumerable<JsonElement> Paragraphs(JsonDocument article) =>
        article.RootElement.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("paragraphs").EnumerateArray());

    /// <summary>
    /// Where in <paramref name="converted"/> as many characters (code points) as <paramref name="prefix"/>
    /// has end: the tables replace each character by one character, whatever its UTF-16 length.
    /// </summary>
    static int SameCharacters(string converted, string prefix) =>
        converted.EnumerateRunes().Take(prefix.EnumerateRunes().Count()).Sum(r => r.Utf16SequenceLength);

    [Theory]
    [InlineData("創新")]
    [InlineData("chuangxin")]
    [InlineData("發展 科技")]
    [InlineData("著")]             // marks the 著 of 顯著, which converts as a word: 显著, not 显着
    public async Task ASimplifiedSnippetIsTheConvertedSnippetWithTheSameMatches(string query)
    {
        var q = Uri.EscapeDataString(query);
        using var hant = JsonDocument.Parse(await portal.Client().GetStringAsync($"/api/search?q={q}"));
        using var hans = JsonDocument.Parse(await portal.Client().GetStringAsync($"/api/search?q={q}&script=hans"));
        var snippets = Snippets(hant).Zip(Snippets(hans)).ToList();

        Assert.NotEmpty(snippets);
        foreach (var (t, s) in snippets)
        {
            Assert.Equal(ScriptConverter.ToSimplified(string.Concat(t.Select(x => x.Text))), string.Concat(s.Select(x => x.Text)));
            Assert.Equal(t.Select(x => x.Match), s.Select(x => x.Match));
            Assert.All(s.Where(x => x.Match), x => Assert.NotEqual("", x.Text));
        }
        Assert.Equal(hant.RootElement.GetProperty("query").GetString(), hans.RootElement.GetProperty("query").GetString());   // as typed
    }

    static IEnumerable<List<(string Text, bool Match)>> Snippets(JsonDocument results) =>
        results.RootElement.GetProperty("articles").EnumerateArray().SelectMany(a => a.GetProperty("hits").EnumerateArray())
            .Select(h => h.GetProperty("snippet").EnumerateArray().Select(x => (x.GetProperty("text").GetString()!, x.GetProperty("match").GetBoolean())).ToList());

    [Fact]
    public async Task TheLinksOfASimplifiedAnswerLeadToSimplifiedAnswers()
    {
        using var listing = JsonDocument.Parse(await portal.Client().GetStringAsync("/api/articles?pageSize=1&script=hans"));
        var root = listing.RootElement;
        var links = new[] { root.GetProperty("next").GetString()!, root.GetProperty("csv").GetString()! }
            .Concat(root.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("json").GetString()!))
            .Concat(root.GetProperty("facets").GetProperty("tag").EnumerateArray().Select(f => f.GetProperty("api").GetString()!).Take(3))
            .ToList();
        using var tag = JsonDocument.Parse(await portal.Client().GetStringAsync("/api/tags?script=hans"));
        links.AddRange(tag.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("json").GetString()!).Take(3));

        foreach (var link in links)
        {
            using var response = await portal.Client().GetAsync(link);
            Assert.True(200 == (int)response.StatusCode, $"{link} answered {(int)response.StatusCode}");
            Assert.Equal(["zh-Hans"], response.Content.Headers.ContentLanguage);
        }
        // Facet keys are what the archive stores and filters by; labels are what readers see.
        var source = root.GetProperty("facets").GetProperty("source").EnumerateArray().First(f => f.GetProperty("key").GetString() == "中國科學報");
        Assert.Equal("中国科学报", source.GetProperty("label").GetString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData($"/articles/{SeedArchive.Replicated}")]
    [InlineData("/tags/hangzhou")]
    [InlineData("/search?q=創新")]
    public async Task APageInSimplifiedLinksItsTwinsInSimplified(string path)
    {
        var page = await portal.Page(InScript(path, "hans"));
        var twins = page.QuerySelectorAll("link[rel=alternate][type='application/json'], link[rel=alternate][type='text/csv']")
            .Select(l => l.GetAttribute("href")!).ToList();

        Assert.NotEmpty(twins);
        foreach (var twin in twins)
        {
            Assert.Contains("script=hans", twin);
            using var response = await portal.Client().GetAsync(twin);
            Assert.Equal(["zh-Hans"], response.Content.Headers.ContentLanguage);
        }
    }

    [Fact]
    public async Task AnApiAnswerSetsNoCookieAndIgnoresTheReadersCookie()
    {
        using var asked = await portal.Client().GetAsync("/api/tags?script=hans");
        Assert.False(asked.Headers.Contains("Set-Cookie"));
        Assert.Equal("no-cache", asked.Headers.CacheControl?.ToString());   // shared: the output cache may keep it

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tags");
        request.Headers.Add("Cookie", "script=hans");
        using var withCookie = await portal.Client().SendAsync(request);
        Assert.Equal(["zh-Hant"], withCookie.Content.Headers.ContentLanguage);
    }

    [Theory]
    [InlineData("/api/articles.csv")]
    [InlineData("/api/tags/hangzhou.csv")]
    public async Task ASimplifiedCsvHoldsTheConvertedText(string path)
    {
        var hant = await Rows(path);
        var hans = await Rows(InScript(path, "hans"));

        Assert.Equal(hant.Count, hans.Count);
        foreach (var (t, s) in hant.Zip(hans))
            foreach (var column in t.Keys)
                Assert.Equal(column is "article_title" or "heading" or "tags" or "text" ? ScriptConverter.ToSimplified(t[column]) : t[column], s[column]);
        Assert.Contains(hans, r => r["text"] != hant[hans.IndexOf(r)]["text"]);
    }

    async Task<List<Dictionary<string, string>>> Rows(string url)
    {
        using var reader = new CsvReader(new StringReader(await portal.Client().GetStringAsync(url)), CultureInfo.InvariantCulture);
        var rows = new List<Dictionary<string, string>>();
        reader.Read();
        reader.ReadHeader();
        while (reader.Read())
            rows.Add(reader.HeaderRecord!.ToDictionary(h => h, h => reader.GetField(h)!));
        return rows;
    }

    // ApiScript itself, on text the seeds do not have: characters whose Simplified form is longer or shorter in UTF-16.

    [Fact]
    public void MarksAfterACharacterThatChangedLengthMoveWithTheirCharacters()
    {
        // 㑮 → 𫝈: one UTF-16 unit becomes two; 反覆 → 反复 while 覆蓋 → 覆盖.
        const string text = "㑮與㑮：反覆覆蓋。";
        var marks = new TextMarks(
            [new ReadingAnnotation(text.IndexOf('與'), "與", "yǔ"), new ReadingAnnotation(text.IndexOf('蓋'), "蓋", "gài")],
            [new Repair(text.IndexOf("反覆", StringComparison.Ordinal), 2, "毁", "反覆", RepairConfidence.Certain, 0, ""),
             new Repair(text.IndexOf("覆蓋", StringComparison.Ordinal) + 1, 1, "伭", "蓋", RepairConfidence.Partial, 1, "")]);

        var (converted, moved) = new ApiScript(Script.Simplified).Marked(text, marks);

        Assert.Equal("𫝈与𫝈：反复覆盖。", converted);
        Assert.Equal([("与", 2), ("盖", 9)], moved.Annotations.Select(a => (a.Character, a.Offset)));
        Assert.All(moved.Annotations, a => Assert.Equal(a.Character, converted.Substring(a.Offset, a.Character.Length)));
        Assert.Equal([("反复", 6, 2, "毁"), ("盖", 9, 1, "伭")], moved.Repairs.Select(r => (r.Replacement, r.Offset, r.Length, r.Original)));
        Assert.All(moved.Repairs, r => Assert.Equal(r.Replacement, converted.Substring(r.Offset, r.Length)));
    }

    [Fact]
    public void SnippetSegmentsAreConvertedAsOneText()
    {
        // A match that cuts 反覆 still reads 复, as in the whole text; 㑮 before it changes the length.
        SnippetSegment[] segments = [new("㑮與反", false), new("覆", true), new("說", false)];

        var converted = new ApiScript(Script.Simplified).Segments(segments);

        Assert.Equal([("𫝈与反", false), ("复", true), ("说", false)], converted.Select(s => (s.Text, s.IsMatch)));
        Assert.Same(segments, ApiScript.Traditional.Segments(segments));
    }
}
