using PolicyNews.Web.Citations;

namespace PolicyNews.Tests.Web;

/// <summary>The three text styles, from one <see cref="CitedWork"/>: what is known, in each style's order; nothing invented.</summary>
public sealed class CitationTests
{
    static readonly DateOnly Accessed = new(2026, 12, 2);
    const string Permalink = "https://archive.example.org/s/abc123";

    static CitedWork Work(string title, string? author, string? publication, string? published) =>
        new("deepseek-sabc123", title, author, publication, published, Permalink, "zh-Hant", Accessed);

    public static TheoryData<CitedWork, string, string, string> Cases() => new()
    {
        {
            Work("DeepSeek的啟示：為什麼成功了", "趙廣立", "中國科學報", "2025-02-10"),
            "趙廣立. DeepSeek的啟示：為什麼成功了[N/OL]. 中國科學報, 2025-02-10[2026-12-02]. " + Permalink,
            "趙廣立. (2025, February 10). DeepSeek的啟示：為什麼成功了. 中國科學報. " + Permalink,
            "趙廣立. \u201CDeepSeek的啟示：為什麼成功了.\u201D 中國科學報, February 10, 2025. " + Permalink + "."
        },
        {
            Work("DeepSeek的啟示", "趙廣立", "中國科學報", "2025-02"),
            "趙廣立. DeepSeek的啟示[N/OL]. 中國科學報, 2025-02[2026-12-02]. " + Permalink,
            "趙廣立. (2025, February). DeepSeek的啟示. 中國科學報. " + Permalink,
            "趙廣立. \u201CDeepSeek的啟示.\u201D 中國科學報, February 2025. " + Permalink + "."
        },
        {
            // No author, no publication, no date: left out (Chicago then gives the date of access).
            Work("論創新", null, null, null),
            "論創新[N/OL]. [2026-12-02]. " + Permalink,
            "(n.d.). 論創新. " + Permalink,
            "\u201C論創新.\u201D Accessed December 2, 2026. " + Permalink + "."
        },
        {
            Work("論創新", null, "人民論壇", "2025"),
            "論創新[N/OL]. 人民論壇, 2025[2026-12-02]. " + Permalink,
            "(2025). 論創新. 人民論壇. " + Permalink,
            "\u201C論創新.\u201D 人民論壇, 2025. " + Permalink + "."
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void CitesWhatIsKnownInEachStyle(CitedWork work, string gbt, string apa, string chicago)
    {
        var citation = Citation.For(work);

        Assert.Equal(gbt, citation.GbT7714);
        Assert.Equal(apa, citation.Apa);
        Assert.Equal(chicago, citation.Chicago);
        Assert.Equal(Permalink, citation.Url);
    }
}
