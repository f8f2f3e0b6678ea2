using System.Text.RegularExpressions;
using PolicyNews.Archive.Search;

namespace PolicyNews.Tests.Search;

public sealed partial class SearchQueryTests
{
    static IReadOnlyList<SearchTerm> Terms(string input) => SearchQuery.Parse(input).Terms;

    [Fact]
    public void WhitespaceOfAnyWidthSeparatesTerms()
    {
        Assert.Equal(["创新", "杭州", "DeepSeek"], Terms("创新 杭州\u3000DeepSeek").Select(t => t.Text));
        Assert.All(Terms("创新 杭州"), t => Assert.False(t.IsPhrase || t.IsExcluded));
    }

    [Fact]
    public void HanCharactersBecomeOneTokenEachInSimplifiedForm()
    {
        var term = Assert.Single(Terms("創新"));
        Assert.Equal("創新", term.Text);
        Assert.Equal(["创", "新"], term.Words);
    }

    [Fact]
    public void LatinIsFoldedForCaseAndWidth()
    {
        Assert.Equal(["deepseek"], Assert.Single(Terms("ＤｅｅｐＳｅｅｋ")).Words);
        Assert.Equal(["deepseek", "r1"], Assert.Single(Terms("DeepSeek-R1")).Words);
    }

    [Fact]
    public void QuotesMakeAPhraseAndAnUnclosedQuoteRunsToTheEnd()
    {
        var phrase = Assert.Single(Terms("\"科技 創新\""));
        Assert.True(phrase.IsPhrase);
        Assert.Equal(["科", "技", "创", "新"], phrase.Words);

        var terms = Terms("杭州 \"六小龍 為何");
        Assert.Equal(["杭州", "六小龍 為何"], terms.Select(t => t.Text));
        Assert.True(terms[1].IsPhrase);

        Assert.True(Assert.Single(Terms("“創新”")).IsPhrase);
        Assert.True(Assert.Single(Terms("「杭州」")).IsPhrase);
    }

    [Fact]
    public void LeadingMinusExcludesAndALoneMinusIsIgnored()
    {
        var terms = Terms("创新 -杭州 - -\"六小龙\"");
        Assert.Equal([("创新", false), ("杭州", true), ("六小龙", true)], terms.Select(t => (t.Text, t.IsExcluded)));
        Assert.Equal(SearchQueryStatus.OnlyExclusions, SearchQuery.Parse("-杭州 -创新").Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    [InlineData("*")]
    [InlineData(")(^:")]
    [InlineData("-")]
    [InlineData("\u0001\u0002")]
    public void NothingSearchableIsEmpty(string input)
    {
        var query = SearchQuery.Parse(input);
        Assert.Equal(SearchQueryStatus.Empty, query.Status);
        Assert.Null(query.MatchExpression);
    }

    [Theory]
    [InlineData("a OR b")]
    [InlineData("NEAR(a b) AND c NOT d")]
    [InlineData("heading:创新 body : x {heading}")]
    [InlineData("\"a\" \"\" b\"c*^")]
    [InlineData("创新* ^杭州 (六小龙)")]
    [InlineData("-a -b c")]
    [InlineData("创新 -OR -\"a\" -NEAR(b) -c*")]
    public void MatchExpressionIsOnlyQuotedStringsJoinedByOurOwnOperators(string input)
    {
        var query = SearchQuery.Parse(input);
        var expressions = new List<string> { query.MatchExpression!, query.HeadingMatchExpression! };
        expressions.AddRange(query.TierMatchExpressions);
        expressions.AddRange(Enumerable.Range(0, query.TierCount).Select(query.TierStream));
        if (query.NearMatchExpression is { } near)
            expressions.Add(near);
        if (query.Terms.Any(t => t.IsExcluded))
            expressions.Add(Assert.IsType<string>(query.ExclusionMatchExpression));
        else
            Assert.Null(query.ExclusionMatchExpression);

        // Take out every quoted string; what remains must be our grammar alone.
        foreach (var match in expressions)
            Assert.Matches(Skeleton(), QuotedString().Replace(match, "S"));
    }

    [Theory]
    [InlineData("才", "{heading body labels} : \"才\"")]
    [InlineData("創新", "{heading_pairs body_pairs label_pairs} : \"创新\"")]
    [InlineData("科技創新", "{heading_pairs body_pairs label_pairs} : \"科技 技创 创新\"")]
    [InlineData("DeepSeek式", "{heading body labels} : \"deepseek 式\"")]
    [InlineData("DeepSeek式創新", "{heading_pairs body_pairs label_pairs} : \"deepseek 式创 创新\"")]
    // Word readings: every cut of the syllables into words, as whole-word tokens.
    [InlineData("zhongxin", "{heading_pinyin_words body_pinyin_words} : \"zhong_xin\" OR {heading_pinyin_pairs")]
    [InlineData("yinhangye", "{heading_pinyin_words body_pinyin_words} : \"yin hang_ye\" OR {heading_pinyin_words body_pinyin_words} : \"yin_hang ye\" OR")]
    [InlineData("ai", "{heading_pinyin_words body_pinyin_words} : \"ai\"")]
    [InlineData("chuangxin", "{heading_pinyin_pairs body_pinyin_pairs} : \"chuang_xin\"")]
    [InlineData("xin", "{heading_pinyin body_pinyin} : \"xin\"")]
    [InlineData("yinhang", "{heading_pinyin_pairs body_pinyin_pairs} : \"yin_hang\" OR {heading_pinyin_readings body_pinyin_readings} : \"yin_hang\"")]
    [InlineData("chongqingshi", "{heading_pinyin_pairs body_pinyin_pairs} : \"chong_qing qing_shi\")")]
    public void RunsOfTwoOrMoreCharactersAreLookedUpAsPairs(string input, string expected) =>
        Assert.Contains(expected, SearchQuery.Parse(input).MatchExpression);

    [GeneratedRegex("\"(?:[^\"]|\"\")*\"")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"^(?:[()]|AND|OR|NOT|S|NEAR\(S S, 10\)|\{heading body\} :|\{heading_pairs body_pairs\} :|\{heading body labels\} :|\{heading_pairs body_pairs label_pairs\} :|\{heading_pinyin_words body_pinyin_words\} :|\{heading_pinyin_words\} :|\{heading_pinyin body_pinyin\} :|\{heading_pinyin_pairs body_pinyin_pairs\} :|\{heading_pinyin_readings body_pinyin_readings\} :|\{heading_pinyin_readings\} :|\{heading\} :|\{heading_pairs\} :|\{heading_pinyin\} :|\{heading_pinyin_pairs\} :|\s)+$")]
    private static partial Regex Skeleton();

    [Theory]
    [InlineData("chuangxin", "chuang xin")]
    [InlineData("hangzhou", "hang zhou")]
    [InlineData("xi'an", "xi an")]
    [InlineData("xian", "xian")]
    [InlineData("zhongguo kexue", "zhong guo ke xue")]
    [InlineData("lv", "lv")]
    public void PinyinRunsSplitIntoSyllables(string input, string syllables) =>
        Assert.Equal(syllables.Split(' '), SearchQuery.Parse($"\"{input}\"").Terms.Single().Syllables);

    [Theory]
    [InlineData("deepseek")]
    [InlineData("openai2")]
    [InlineData("杭州hang")]
    [InlineData("hmm")]
    public void WordsThatAreNotPinyinHaveNoSyllables(string input) =>
        Assert.Null(Assert.Single(Terms(input)).Syllables);

    [Fact]
    public void ControlCharactersAndLoneSurrogatesAreDropped()
    {
        var query = SearchQuery.Parse("创\u0000新\uD800 杭\u200B州\t");
        Assert.Equal("创新 杭州 ", query.Text);
        Assert.Equal(["创新", "杭州"], query.Terms.Select(t => t.Text));
    }

    [Fact]
    public void LongInputIsCutAtTheLimitAndFlagged()
    {
        var query = SearchQuery.Parse(new string('创', 1000));
        Assert.True(query.Truncated);
        Assert.Equal(SearchQuery.MaxLength, query.Text.Length);
        Assert.Equal(SearchQuery.MaxLength, query.Terms.Single().Words.Count);

        var astral = SearchQuery.Parse(string.Concat(Enumerable.Repeat("\U00020000", 150)));
        Assert.True(astral.Truncated);
        Assert.Equal(SearchQuery.MaxLength, astral.Text.Length);
        Assert.False(char.IsHighSurrogate(astral.Text[^1]));
    }

    [Fact]
    public void MoreThanTheMaximumTermsAreCutAndFlagged()
    {
        var query = SearchQuery.Parse(string.Join(' ', Enumerable.Range(1, 20).Select(i => $"w{i}")));
        Assert.True(query.Truncated);
        Assert.Equal(SearchQuery.MaxTerms, query.Terms.Count);
        Assert.False(SearchQuery.Parse("创新 杭州").Truncated);
    }
}
