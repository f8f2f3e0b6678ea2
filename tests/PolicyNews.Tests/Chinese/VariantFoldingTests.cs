using PolicyNews.Archive.Chinese;

namespace PolicyNews.Tests.Chinese;

public class VariantFoldingTests
{
    /// <summary>
    /// Variant pairs from OpenCC's TSCharacters (Traditional, Simplified) and pairs of Traditional
    /// variants that share a Simplified form (裏/裡, 墻/牆, 籤/簽, 鑑/鑒, 復/複): each must fold
    /// together, so a query in either script finds the other. 後/后 belongs here, not among the
    /// distinct pairs: Simplified has no 後, so 后 is what a mainland reader types for 以後, and
    /// 皇后 is written 皇后 in both scripts anyway.
    /// </summary>
    private const string VariantPairs =
        "這这 們们 來来 個个 說说 麼么 會会 時时 國国 為为 爲为 過过 還还 學学 沒没 發发 髮发 對对 後后 現现 於于 " +
        "裡里 裏里 裡裏 機机 無无 電电 動动 樣样 義义 經经 進进 兒儿 頭头 點点 從从 見见 開开 兩两 長长 實实 " +
        "氣气 給给 幾几 黨党 戰战 邊边 聲声 話话 間间 業业 聽听 別别 級级 乾干 幹干 乾幹 車车 請请 軍军 員员 " +
        "關关 體体 應应 變变 門门 題题 東东 總总 決决 結结 論论 隊队 內内 書书 資资 並并 併并 帶带 萬万 產产 " +
        "産产 線线 綫线 記记 認认 將将 隻只 難难 區区 覺觉 運运 寫写 數数 處处 識识 辦办 風风 卻却 師师 愛爱 " +
        "計计 設设 強强 誰谁 連连 該该 遠远 報报 滿满 觀观 與与 講讲 讓让 組组 統统 確确 轉转 飛飞 務务 場场 " +
        "週周 遊游 墻墙 牆墙 墻牆 籤签 簽签 籤簽 鑑鉴 鑒鉴 鑑鑒 佔占 樑梁 嚮向 標标 據据 淨净 凈净 橋桥 戲戏 " +
        "復复 複复 復複 係系 繫系 臺台 颱台 檯台 麵面 麪面 眾众 衆众 鐘钟 鍾钟 曆历 歷历 彙汇 匯汇 製制 徵征 " +
        "餘余 夥伙 藥药 衝冲 獲获 穫获 蘇苏 甦苏 鬍胡 衚胡 讚赞 蹟迹 跡迹 鬚须 須须 饑饥 飢饥 鹼碱 噁恶 惡恶";

    public static TheoryData<string, string> Variants()
    {
        var data = new TheoryData<string, string>();
        foreach (var pair in VariantPairs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            data.Add(pair[..1], pair[1..]);
        return data;
    }

    [Fact]
    public void TheVariantTableIsLargeEnough() => Assert.True(Variants().Count >= 100, $"only {Variants().Count} pairs");

    [Theory]
    [MemberData(nameof(Variants))]
    public void FoldsVariantsTogether(string one, string other) =>
        Assert.Equal(VariantFolding.Fold(char.ConvertToUtf32(other, 0)), VariantFolding.Fold(char.ConvertToUtf32(one, 0)));

    /// <summary>
    /// Pairs a table links (OpenCC lists one as a candidate of the other, Unihan calls them
    /// variants) that a mainland reader nevertheless reads as different characters, so merging
    /// them makes searches find the wrong word:
    /// 覆 (覆盖, 颠覆) is not 复 (复杂, 恢复), whichever of 復/複 stands behind 复; 瞭望 is not 了;
    /// 慰藉, 狼藉 are not 借; 著名 is not 着 (the particle); 彷徨 is not 仿; 牴 is not 抵 in 牴牾;
    /// 祇 (神祇) and 衹 are not 只; 幺 (幺二, the smallest) is not 么; 锺 is the surname and 钟 the bell.
    /// 乾 is folded to 干 on purpose (OpenCC lists 干 first; 乾 survives in 乾隆 and 乾坤 only),
    /// so it is not among them: 干净 must find 乾淨.
    /// </summary>
    [Theory]
    [InlineData("覆", "复")]
    [InlineData("覆", "復")]
    [InlineData("覆", "複")]
    [InlineData("瞭", "了")]
    [InlineData("藉", "借")]
    [InlineData("著", "着")]
    [InlineData("彷", "仿")]
    [InlineData("牴", "抵")]
    [InlineData("祇", "只")]
    [InlineData("衹", "只")]
    [InlineData("幺", "么")]
    [InlineData("锺", "钟")]
    public void KeepsCharactersThatSimplifiedKeepsApart(string one, string other) =>
        Assert.NotEqual(VariantFolding.Fold(char.ConvertToUtf32(other, 0)), VariantFolding.Fold(char.ConvertToUtf32(one, 0)));

    [Fact]
    public void FoldedFormsFoldToThemselves()
    {
        foreach (var pair in VariantPairs.Split(' '))
        {
            var folded = VariantFolding.Fold(char.ConvertToUtf32(pair, 0));
            Assert.Equal(folded, VariantFolding.Fold(folded));
        }
    }

    [Theory]
    [InlineData("遊戲科學", "游戏科学")]
    [InlineData("高墻", "高墙")]
    [InlineData("這裏的週末", "这里的周末")]
    [InlineData("DeepSeek：借鑑", "DeepSeek：借鉴")]
    [InlineData("顛覆", "颠覆")]
    public void FoldsTextCharacterByCharacter(string text, string folded) =>
        Assert.Equal(folded, VariantFolding.Fold(text));

    [Fact]
    public void KeepsLoneSurrogatesAndCharactersOutsideTheBasicPlane() =>
        Assert.Equal("国\uD800\U0002B37F", VariantFolding.Fold("國\uD800\U0002B37F"));
}
