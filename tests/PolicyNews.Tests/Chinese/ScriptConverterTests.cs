using PolicyNews.Archive.Chinese;

namespace PolicyNews.Tests.Chinese;

public class ScriptConverterTests
{
    [Theory]
    [InlineData("創新", "创新")]
    [InlineData("國", "国")]
    [InlineData("說", "说")]
    [InlineData("經濟", "经济")]
    [InlineData("發展", "发展")]
    [InlineData("中華人民共和國國務院", "中华人民共和国国务院")]
    public void ConvertsTraditionalToSimplified(string traditional, string simplified) =>
        Assert.Equal(simplified, ScriptConverter.ToSimplified(traditional));

    [Theory]
    [InlineData("创新", "創新")]
    [InlineData("发展", "發展")]
    [InlineData("国", "國")]
    [InlineData("以后", "以後")]
    [InlineData("台湾", "臺灣")]        // OpenCC and Taiwan's standard write 臺 (was 台 from Unihan)
    public void ConvertsSimplifiedToTraditional(string simplified, string traditional) =>
        Assert.Equal(traditional, ScriptConverter.ToTraditional(simplified));

    [Fact]
    public void KeepsCharactersThatMainlandStandardStillWrites() =>
        Assert.Equal("著名", ScriptConverter.ToSimplified("著名"));

    [Theory]
    [InlineData("DeepSeek R1, v2.5 (2025-01-20): 100% \"ok\"; ½ ① ﬁ — ok?")]
    [InlineData("こんにちは 안녕하세요 Ελλάδα")]
    [InlineData("")]
    public void LeavesLatinAndPunctuationAlone(string text)
    {
        Assert.Equal(text, ScriptConverter.ToSimplified(text));
        Assert.Equal(text, ScriptConverter.ToTraditional(text));
    }

    [Fact]
    public void LeavesChinesePunctuationAlone() =>
        Assert.Equal("“创新”，发展。", ScriptConverter.ToSimplified("“創新”，發展。"));

    [Fact]
    public void ConvertsCharactersOutsideTheBasicPlane()
    {
        // Unihan: 𡞵 (U+217B5) simplifies to 㛟 (U+36DF); 譾 simplifies to 谫, and 𫍿 (U+2B37F)
        // is already Simplified. Each supplementary character is a surrogate pair in UTF-16.
        Assert.Equal("㛟国", ScriptConverter.ToSimplified("\U000217B5國"));
        Assert.Equal("谫", ScriptConverter.ToSimplified("譾"));
        Assert.Equal("\U0002B37F国", ScriptConverter.ToSimplified("\U0002B37F國"));
    }

    [Theory]
    [InlineData("創新\uFFFE杭州", "创新\uFFFE杭州")]
    [InlineData("\uFFFFＡ\uFFFE", "\uFFFFa\uFFFE")]
    public void FoldsAroundNoncharactersWithoutThrowing(string text, string folded) =>
        Assert.Equal(folded, ScriptConverter.FoldForSearch(text));

    [Fact]
    public void LeavesLoneSurrogatesUntouched()
    {
        var broken = "國\uD800國";
        Assert.Equal("国\uD800国", ScriptConverter.ToSimplified(broken));
    }

    [Theory]
    [InlineData("ＤｅｅｐＳｅｅｋ創新", "deepseek创新")]
    [InlineData("ＡＩ　治理", "ai 治理")]
    [InlineData("ｶﾞｲﾄﾞ", "ガイド")]
    [InlineData("GDP增長５％", "gdp增长5%")]
    public void FoldsWidthCaseAndScriptForSearch(string text, string folded) =>
        Assert.Equal(folded, ScriptConverter.FoldForSearch(text));

    [Fact]
    public void FoldsBothScriptsToTheSameSearchForm() =>
        Assert.Equal(ScriptConverter.FoldForSearch("数字经济发展"), ScriptConverter.FoldForSearch("數字經濟發展"));

    [Fact]
    public void SearchFoldingFindsWhatDisplayConversionShows()
    {
        const string typed = "以后里面的干部发展";
        Assert.Equal(ScriptConverter.FoldForSearch(typed), ScriptConverter.FoldForSearch(ScriptConverter.ToTraditional(typed)));
    }
}

public class FoldForSearchWithOffsetsTests
{
    [Theory]
    [InlineData("「DeepSeek式創新」並非不可複製——兩會代表委員談杭州「六小龍」")]
    [InlineData("ＤｅｅｐＳｅｅｋ　２０２５年，ＡＩ")]
    [InlineData("中華人民共和國國務院 OpenAI")]
    public void FoldsLikeFoldForSearch(string text) =>
        Assert.Equal(ScriptConverter.FoldForSearch(text), ScriptConverter.FoldForSearchWithOffsets(text).Text);

    [Fact]
    public void WidthAndCaseFoldAndOffsetsLineUp()
    {
        var folded = ScriptConverter.FoldForSearchWithOffsets("ＡＩ創新");
        Assert.Equal("ai创新", folded.Text);
        Assert.Equal((2, 4), folded.OriginalSpan(2, 4));
    }

    [Fact]
    public void OffsetsSurviveAFoldThatChangesLength()
    {
        // 𡞵 (two UTF-16 units) folds to 㛟 (one); 國 after it must still map back correctly.
        var original = "\U000217B5國創新";
        var folded = ScriptConverter.FoldForSearchWithOffsets(original);
        Assert.Equal("㛟国创新", folded.Text);
        var start = folded.Text.IndexOf("创新", StringComparison.Ordinal);
        var (s, e) = folded.OriginalSpan(start, start + 2);
        Assert.Equal("創新", original[s..e]);
    }

    [Fact]
    public void LoneSurrogatesBecomeReplacementCharacters()
    {
        var folded = ScriptConverter.FoldForSearchWithOffsets("國\uD800國");
        Assert.Equal("国\uFFFD国", folded.Text);
        Assert.Equal([0, 1, 2, 3], folded.Origins);
    }
}
