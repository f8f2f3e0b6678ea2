using PolicyNews.Archive.Import;

namespace PolicyNews.Tests.Import;

/// <summary>What counts as a mention of a tag: folded spellings, whole Latin words, exclusions, the longest match.</summary>
public sealed class TagMatcherTests
{
    static TagDefinition Tag(string name, string slug, string[]? aliases = null, string[]? exclude = null, string kind = "topic") =>
        new(name, slug, kind, aliases ?? [], exclude ?? []);

    static IReadOnlyList<string> SlugsIn(string text, params TagDefinition[] tags) =>
        new TagMatcher(tags).TagsMentionedIn(text).Select(t => t.Slug).Order().ToList();

    [Theory]
    [InlineData("遊戲科學", "游戏科学公司")]         // Simplified
    [InlineData("遊戲科學", "游戲科學等")]           // the seed's mixed spelling
    [InlineData("游戏科学", "遊戲科學")]             // a Simplified name finds Traditional text
    [InlineData("標籤", "标签")]
    [InlineData("標籤", "標簽")]                     // variant 簽 for 籤
    [InlineData("楊學明", "杨学明说")]
    [InlineData("小院高牆", "“小院高墻”")]           // 牆/墻/墙
    [InlineData("週末", "周末")]
    [InlineData("反覆", "反复试验")]                 // word level: folding keeps 覆 apart from 复
    [InlineData("意味著", "这意味着")]               // word level: 著 as 着 only in words
    [InlineData("AI", "人工智能（ＡＩ）")]           // fullwidth Latin
    [InlineData("DeepSeek", "deepseek的成功")]       // Latin ignores case
    [InlineData("DeepSeek", "DeepSeek-R1模型")]
    public void FindsATermInItsOtherScriptsAndVariantSpellings(string term, string text) =>
        Assert.Equal(["t"], SlugsIn(text, Tag(term, "t")));

    [Theory]
    [InlineData("覆蓋", "复盖")]                     // 覆蓋 is 覆盖 in Simplified, never 复盖
    [InlineData("AI", "OpenAI的模型")]               // a Latin term must stand as a whole word
    [InlineData("AI", "GAI and AIGC")]
    [InlineData("著作", "着作")]
    public void DoesNotFindWhatIsAnotherWord(string term, string text) =>
        Assert.Empty(SlugsIn(text, Tag(term, "t")));

    [Theory]
    [InlineData("山姆·奧特曼")]     // U+00B7, as Chinese text should write it
    [InlineData("山姆・奧特曼")]    // U+30FB katakana middle dot
    [InlineData("山姆•奧特曼")]     // U+2022 bullet
    [InlineData("山姆‧奧特曼")]     // U+2027 hyphenation point
    [InlineData("山姆･奧特曼")]     // U+FF65 halfwidth katakana middle dot
    [InlineData("山姆·奥特曼")]     // and in Simplified
    public void FindsANameWrittenWithAnyMiddleDot(string text)
    {
        Assert.Equal(["sam-altman"], SlugsIn($"OpenAI的{text}也承認", Tag("山姆·奧特曼", "sam-altman")));
        Assert.Equal(["sam-altman"], SlugsIn("OpenAI的山姆·奧特曼也承認", Tag(text, "sam-altman")));
    }

    static readonly TagDefinition[] Places =
    [
        Tag("浙江", "zhejiang", kind: "place"),
        Tag("杭州", "hangzhou", kind: "place"),
        Tag("浙江大學", "zhejiang-university", kind: "organisation"),
        Tag("中國科學院", "cas", ["中科院"], kind: "organisation"),
        Tag("中國科學院杭州醫學研究所", "hangzhou-institute", ["杭州醫學所"], kind: "organisation"),
    ];

    [Theory]
    [InlineData("就讀于浙江大學電子信息工程專業", "zhejiang-university")]
    [InlineData("就讀于浙江大学", "zhejiang-university")]                    // longest also across scripts
    [InlineData("浙江大學在浙江", "zhejiang|zhejiang-university")]          // a mention outside still counts
    [InlineData("中國科學院杭州醫學研究所（以下簡稱杭州醫學所）副所長", "hangzhou-institute")]
    [InlineData("中國科學院院士、杭州醫學所所長", "cas|hangzhou-institute")]
    [InlineData("前往杭州工作", "hangzhou")]
    public void AMentionInsideALongerTermOfAnotherTagDoesNotCount(string text, string expected) =>
        Assert.Equal(expected.Split('|'), SlugsIn(text, Places));

    [Fact]
    public void OfTwoCrossingMatchesTheLongerWinsAndTwoTagsSharingATermBothCount()
    {
        TagDefinition[] tags = [Tag("中美", "sino-us"), Tag("美國硅谷", "silicon-valley"), Tag("硅谷", "valley-too")];

        Assert.Equal(["silicon-valley"], SlugsIn("中美國硅谷", tags));   // 中美 crosses the longer 美國硅谷
        Assert.Equal(["a", "b"], SlugsIn("提到開源", Tag("開源", "a"), Tag("開源", "b")));
    }

    [Theory]
    [InlineData("2025年浙江省兩會期間，杭州市長", "hangzhou|zhejiang")]   // excluded: only the places count
    [InlineData("在今年全國兩會上", "two-sessions")]
    [InlineData("在今年全国两会上", "two-sessions")]                      // exclusions and terms fold alike
    [InlineData("浙江省两会与全國兩會", "two-sessions|zhejiang")]          // one mention outside the context counts
    [InlineData("杭州市兩會", "hangzhou")]
    public void AnExcludedContextHidesOnlyItsOwnTag(string text, string expected)
    {
        var tags = Places.Append(Tag("兩會", "two-sessions", exclude: ["省兩會", "市兩會"])).ToArray();

        Assert.Equal(expected.Split('|'), SlugsIn(text, tags));
    }

    [Fact]
    public void MentionsPointIntoTheOriginalText()
    {
        const string text = "𠀋美國硅谷的山姆・奧特曼";   // a character outside the basic plane first

        var mentions = new TagMatcher([Tag("山姆·奧特曼", "sam-altman"), Tag("美国", "us")]).Mentions(text);

        Assert.Equal(["美國", "山姆・奧特曼"], mentions.Select(m => text[m.Start..m.End]));
    }

    [Fact]
    public void MatchesListEveryPlaceATermCoversBeforeTheRules()
    {
        var matcher = new TagMatcher([.. Places, Tag("兩會", "two-sessions", exclude: ["省兩會"])]);

        var all = matcher.Matches("浙江大學與浙江省兩會").Select(m => m.Tag.Slug).Order();

        Assert.Equal(["two-sessions", "zhejiang", "zhejiang", "zhejiang-university"], all);
    }
}
