using PolicyNews.Archive.Chinese;
using Xunit.Abstractions;

namespace PolicyNews.Tests.Chinese;

/// <summary>
/// 著 in Traditional text is 着 in Simplified as the aspect particle and in zhuó/zháo words, and
/// stays 著 where it reads zhù (to write; notable). OpenCC keeps every 著. The lists below are
/// the measure: every word must come out right (the output prints the score).
/// </summary>
public class ZheTests(ITestOutputHelper output)
{
    public static readonly TheoryData<string, string> Words = new()
    {
        // The particle
        { "隨著", "随着" }, { "意味著", "意味着" }, { "看著", "看着" }, { "接著", "接着" },
        { "沿著", "沿着" }, { "帶著", "带着" }, { "朝著", "朝着" }, { "為著", "为着" },
        { "藉著", "借着" }, { "憑著", "凭着" }, { "本著", "本着" }, { "圍繞著", "围绕着" },
        { "有著", "有着" }, { "代表著", "代表着" }, { "標誌著", "标志着" }, { "面臨著", "面临着" },
        { "發揮著", "发挥着" }, { "說著", "说着" }, { "活著", "活着" }, { "等著", "等着" },
        // zhuó / zháo
        { "著手", "着手" }, { "著陸", "着陆" }, { "著重", "着重" }, { "著想", "着想" },
        { "著眼", "着眼" }, { "著落", "着落" }, { "穿著", "穿着" }, { "衣著", "衣着" },
        { "執著", "执着" }, { "沉著", "沉着" }, { "睡著", "睡着" }, { "著急", "着急" },
        { "著迷", "着迷" }, { "著實", "着实" },
        // zhù
        { "著作", "著作" }, { "著名", "著名" }, { "顯著", "显著" }, { "著稱", "著称" },
        { "土著", "土著" }, { "名著", "名著" }, { "著述", "著述" }, { "著錄", "著录" },
        { "巨著", "巨著" }, { "專著", "专著" }, { "論著", "论著" }, { "原著", "原著" },
        { "編著", "编著" }, { "卓著", "卓著" }, { "昭著", "昭著" }, { "著作權", "著作权" },
        { "著書立說", "著书立说" },
        // A particle right before a zhù word, and the zhù reading after 為
        { "看著作品", "看着作品" }, { "寫著名字", "写着名字" }, { "隨著名氣上升", "随着名气上升" },
        { "成為著名的", "成为著名的" }, { "最為著名", "最为著名" }, { "因為著名", "因为著名" }, { "有著名的學者", "有著名的学者" },
        { "執著於", "执着于" }, { "效果顯著", "效果显著" },
    };

    [Theory]
    [MemberData(nameof(Words))]
    public void ConvertsZheByWord(string traditional, string simplified) =>
        Assert.Equal(simplified, ScriptConverter.ToSimplified(traditional));

    /// <summary>A page in Simplified is Simplified: converting its text again changes nothing (显著 stays, 随着 stays).</summary>
    [Theory]
    [MemberData(nameof(Words))]
    public void SimplifiedTextConvertsToItself(string traditional, string simplified)
    {
        _ = traditional;
        Assert.Equal(simplified, ScriptConverter.ToSimplified(simplified));
    }

    [Fact]
    public void ReportsTheScoreOnTheWordList()
    {
        var cases = Words.Select(row => ((string)row[0], (string)row[1])).ToList();
        var right = cases.Count(c => ScriptConverter.ToSimplified(c.Item1) == c.Item2);
        // What OpenCC alone gives: 著 unchanged everywhere.
        var openccAlone = cases.Count(c => c.Item2.Contains('著') || !c.Item1.Contains('著'));
        output.WriteLine($"著 word list: {right}/{cases.Count} right; OpenCC alone (著 kept) {openccAlone}/{cases.Count}.");
        Assert.Equal(cases.Count, right);
    }
}
