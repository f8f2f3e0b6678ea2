using PolicyNews.Archive.Chinese;
using PolicyNews.Archive.Search;

namespace PolicyNews.Tests.Search;

public sealed class SearchTokensTests
{
    static string Words(string text) => SearchTokens.ForIndex(text)!.Words;

    [Theory]
    [InlineData("創新發展", "创 新 发 展")]
    [InlineData("DeepSeek模型", "deepseek 模 型")]
    [InlineData("DeepSeek-R1 v2.5", "deepseek r1 v2 5")]
    [InlineData("杭州，創新。", "杭 州 ¦ 创 新")]
    [InlineData("（AI）企業", "ai ¦ 企 业")]
    [InlineData("first\nsecond", "first ¦ second")]
    [InlineData("２０２５年", "2025 年")]
    [InlineData("", "")]
    public void TextIsIndexedOneTokenPerHanCharacterWithBreaksAtPunctuation(string text, string indexed) =>
        Assert.Equal(indexed, Words(text));

    [Theory]
    [InlineData("創新", "chuang xin")]
    [InlineData("杭州，DeepSeek", "hang zhou")]
    [InlineData("杭州 西湖", "hang zhou xi hu")]
    [InlineData("杭州。西湖", "hang zhou ¦ xi hu")]
    [InlineData("綠色", "lv se")]
    public void PinyinIsTheUsualReadingOfEachCharacter(string text, string pinyin) =>
        Assert.Equal(pinyin, SearchTokens.ForIndex(text)!.Pinyin);

    [Theory]
    [InlineData("中心", "zhong_xin")]                     // a word read as its characters usually are
    [InlineData("重新開始", "chong_xin kai_shi")]          // 重 is usually zhong; in 重新 it is chong
    [InlineData("銀行", "yin_hang")]
    [InlineData("他其實也同意", "ta qi_shi ye tong_yi")]    // 其實|也: no shi_ye token across the words
    [InlineData("這項事業發展", "zhe xiang shi_ye fa_zhan")]
    [InlineData("普惠性事業", "pu hui xing shi_ye")]        // from the right: not 性事|業 (普惠 is not in the list)
    [InlineData("研究中心", "yan_jiu zhong_xin")]          // a long word cut into its two-character words
    [InlineData("杭州。西湖", "hang zhou ¦ xi hu")]          // names the word list lacks: a character each
    [InlineData("我愛你", "wo ai ni")]
    public void WordReadingsReadEachWordAsAWord(string text, string pinyinWords) =>
        Assert.Equal(pinyinWords, SearchTokens.ForIndex(text)!.PinyinWords);

    [Theory]
    [InlineData("創新發展", "创新 新发 发展", "chuang_xin xin_fa fa_zhan")]
    [InlineData("才", "才", "cai")]
    [InlineData("DeepSeek式創新", "deepseek 式创 创新", "shi_chuang chuang_xin")]
    [InlineData("人才。俊", "人才 ¦ 俊", "ren_cai ¦ jun")]
    [InlineData("AI科創公司r1", "ai 科创 创公 公司 r1", "ke_chuang chuang_gong gong_si")]
    public void PairsFormsJoinNeighbouringCharactersAndSyllables(string text, string pairs, string pinyinPairs)
    {
        var forms = SearchTokens.ForIndex(text)!;
        Assert.Equal(pairs, forms.WordPairs);
        Assert.Equal(pinyinPairs, forms.PinyinPairs);
    }

    [Theory]
    [InlineData("銀行", "yin_hang yin_heng")]           // usual yin_xing is in the pairs form
    [InlineData("重新", "chong_xin tong_xin")]
    [InlineData("創新", "")]                            // chuāng and chuàng are one toneless reading
    [InlineData("銀。行", "")]                           // never across a break
    [InlineData("行行", "xing_hang xing_heng hang_xing hang_hang hang_heng heng_xing heng_hang heng_heng")]
    public void OtherReadingsFormEveryOtherReadingPairOfNeighboursOnce(string text, string pairs) =>
        Assert.Equal(pairs, SearchTokens.ForIndex(text)!.PinyinReadingPairs);

    [Fact]
    public void TokenPositionsPointIntoTheFoldedText()
    {
        var folded = ScriptConverter.FoldForSearchWithOffsets("“DeepSeek式創新”").Text;
        var tokens = SearchTokens.Words(folded);
        Assert.Equal(["deepseek", "式", "创", "新"], tokens.Select(t => t.Text));
        Assert.All(tokens, t => Assert.Equal(t.Text, folded[t.Start..t.End]));
    }

    [Fact]
    public void NullStaysNullForLeadSectionsWithoutHeading()
    {
        Assert.Null(SearchTokens.ForIndex(null));
    }
}
