using PolicyNews.Archive.Chinese;

namespace PolicyNews.Tests.Chinese;

/// <summary>
/// Words whose conversion a character table gets wrong, both ways: each needs the word table
/// (OpenCC's phrases, our 著 words) or a character OpenCC converts differently from Unihan.
/// </summary>
public class WordConversionTests
{
    [Theory]
    // From issue 12: what the per-character Unihan table showed, and what it must show.
    [InlineData("顛覆", "颠覆")]      // was 颠复
    [InlineData("覆蓋", "覆盖")]      // was 复盖
    [InlineData("反覆", "反复")]      // a word where 覆 is 复
    [InlineData("週末", "周末")]
    [InlineData("這裏", "这里")]
    [InlineData("這裡", "这里")]
    [InlineData("乾淨", "干净")]
    [InlineData("遊戲", "游戏")]
    [InlineData("佔據", "占据")]
    [InlineData("橋樑", "桥梁")]
    [InlineData("嚮往", "向往")]
    [InlineData("墻", "墙")]
    [InlineData("牆", "墙")]
    [InlineData("借鑑", "借鉴")]     // was a rare CJK-extension character
    [InlineData("標籤", "标签")]
    [InlineData("小院高墻", "小院高墙")]
    // A Traditional character is not always one Simplified character.
    [InlineData("乾隆", "乾隆")]
    [InlineData("乾坤", "乾坤")]
    [InlineData("瞭解", "了解")]
    [InlineData("瞭望", "瞭望")]
    [InlineData("答覆", "答复")]
    [InlineData("翻來覆去", "翻来覆去")]
    [InlineData("頭髮", "头发")]
    [InlineData("皇后", "皇后")]
    [InlineData("之後", "之后")]
    [InlineData("幹部", "干部")]
    [InlineData("於是", "于是")]
    [InlineData("什麼", "什么")]
    [InlineData("特徵", "特征")]
    [InlineData("鐘錶", "钟表")]
    [InlineData("剩餘", "剩余")]
    [InlineData("屋簷", "屋檐")]     // Taiwan's 簷, which OpenCC reads only through its tw2s chain
    [InlineData("麻痺", "麻痹")]
    [InlineData("為了", "为了")]     // Taiwan form
    [InlineData("爲了", "为了")]     // OpenCC's form
    [InlineData("瑪瑙", "玛瑙")]     // Unihan would give the extension-G 𰡻 that no font has
    public void ConvertsWordsToSimplified(string traditional, string simplified) =>
        Assert.Equal(simplified, ScriptConverter.ToSimplified(traditional));

    [Theory]
    [InlineData("之后", "之後")]
    [InlineData("以后", "以後")]
    [InlineData("皇后", "皇后")]
    [InlineData("发展", "發展")]
    [InlineData("头发", "頭髮")]
    [InlineData("干净", "乾淨")]
    [InlineData("干部", "幹部")]
    [InlineData("干杯", "乾杯")]
    [InlineData("里面", "裡面")]      // Taiwan's 裡, as the archive's articles write it (not OpenCC's 裏)
    [InlineData("公里", "公里")]
    [InlineData("一只", "一隻")]
    [InlineData("只有", "只有")]
    [InlineData("于是", "於是")]
    [InlineData("为了", "為了")]      // not OpenCC's 爲
    [InlineData("看着", "看著")]      // the particle is 著 in Taiwan's forms
    [InlineData("着手", "著手")]
    [InlineData("反复", "反覆")]
    [InlineData("复杂", "複雜")]
    [InlineData("恢复", "恢復")]
    [InlineData("覆盖", "覆蓋")]
    [InlineData("关系", "關係")]
    [InlineData("联系", "聯繫")]
    [InlineData("系统", "系統")]
    [InlineData("周末", "週末")]
    [InlineData("台风", "颱風")]
    [InlineData("了解", "瞭解")]
    [InlineData("制造", "製造")]
    [InlineData("制度", "制度")]
    [InlineData("借鉴", "借鑑")]
    public void ConvertsWordsToTraditional(string simplified, string traditional) =>
        Assert.Equal(traditional, ScriptConverter.ToTraditional(simplified));

    [Theory]
    [InlineData("軟件", "軟體")]
    [InlineData("信息", "資訊")]
    [InlineData("這裏", "這裡")]
    [InlineData("人工智能", "人工智慧")]
    public void ConvertsToTaiwanUsage(string traditional, string taiwan) =>
        Assert.Equal(taiwan, ScriptConverter.ToTaiwan(traditional));

    [Fact]
    public void ConvertsASentenceWordByWord() =>
        Assert.Equal(
            "随着大模型的出现，意味着颠覆性的创新覆盖了这里的游戏产业，著名学者反复借鉴。",
            ScriptConverter.ToSimplified("隨著大模型的出現，意味著顛覆性的創新覆蓋了這裏的遊戲產業，著名學者反覆借鑑。"));

    [Fact]
    public void ReturnsTheSameTextWhenNothingChanges()
    {
        const string text = "DeepSeek 2025: 中国人工智能";
        Assert.Same(text, ScriptConverter.ToSimplified(text));
    }
}
