using PolicyNews.Archive.Import;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;

namespace PolicyNews.Tests.Search;

/// <summary>
/// A word written with one variant of its characters is found by every other spelling (遊戲 by
/// 游戏, 週末 by 周末), while characters that stay distinct in Simplified are not merged (覆 is not
/// 復). The text is Traditional as the archive stores it; the queries are what readers type.
/// </summary>
public sealed class VariantSearchTests : IDisposable
{
    const string Article = """
        週末的遊戲展
        這裏是杭州，遊戲科學的新作佔據了熱搜，標籤是黑神話。
        新的橋樑建成後，市民嚮往乾淨的河岸，高墻拆除。
        研究借鑑了國際經驗，政策反覆調整。
        隨著技術進步，市場擴大。
        """;

    readonly SmallArchive archive = new(followProvider: true);

    public VariantSearchTests()
    {
        File.WriteAllText(archive["variants.txt"], Article);
        Assert.True(archive.Import([archive["variants.txt"]], metadata: null).Succeeded);
    }

    public void Dispose() => archive.Dispose();

    int Hits(string query)
    {
        using var database = archive.Open();
        return new SearchStore(database).Search(new SearchRequest(query)).TotalHits;
    }

    [Theory]
    [InlineData("游戏")] [InlineData("周末")] [InlineData("这里")] [InlineData("标签")] [InlineData("占据")]
    [InlineData("桥梁")] [InlineData("借鉴")] [InlineData("向往")] [InlineData("干净")] [InlineData("高墙")]
    [InlineData("游戏科学")] [InlineData("遊戲")] [InlineData("週末")] [InlineData("高牆")] [InlineData("這裡")]
    public void FindsEverySpellingOfAVariant(string query) => Assert.True(Hits(query) > 0, $"{query} found nothing");

    /// <summary>
    /// Words whose Simplified form changes a character that is distinct on its own (覆 in 反覆, 著 in
    /// 隨著) are found by that spelling through the phrase tables, not through folding.
    /// </summary>
    [Theory]
    [InlineData("反复")] [InlineData("反复调整")] [InlineData("随着")] [InlineData("随着技术")] [InlineData("\"政策反复\"")]
    public void FindsAWordBySpellingOfTheWord(string query) => Assert.True(Hits(query) > 0, $"{query} found nothing");

    [Fact]
    public void DoesNotMergeCharactersThatStayDistinct() =>
        Assert.Equal(0, Hits("复"));   // the text has 覆 (反覆), its own character in Simplified too: 覆盖, 颠覆
}
