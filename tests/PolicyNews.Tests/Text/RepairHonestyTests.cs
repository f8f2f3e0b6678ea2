using PolicyNews.Archive.Text;

namespace PolicyNews.Tests.Text;

/// <summary>
/// A repair is certain only when every byte is accounted for and no other reading is as plausible;
/// what the bytes cannot prove is shown as □, as many as the bytes say. Each case is a sentence of
/// our own, damaged the way the seeds were (<see cref="Damage.Inside"/>), read with what the rest
/// of the article writes.
/// </summary>
public class RepairHonestyTests
{
    private static readonly MojibakeRepair Repairer = new(UnihanCharacterJudge.Instance);

    private static (string Text, Repair Repair) Repaired(string damaged, string elsewhere)
    {
        var line = Repairer.Apply(LineText.Of(damaged), new DocumentVocabulary(elsewhere + "\n" + damaged));
        return (Pinyin.Annotation().Replace(line.Text, ""), Assert.Single(line.Repairs));
    }

    // 政策 is D5 FE B2 DF. Out of step, FE B2 falls in GBK's user-defined area and was deleted, and
    // D5 DF, the bytes left behind, spell the common 者 (seed 000's 州的□□者□□底, seed 002's 小院高墻).
    private static string PolicyDamaged => Damage.Inside("這主要是當地政策和技術創新的結果", 5, 11);

    [Fact]
    public void ACharacterLeftByADeletionInsideAWordOfTheArticleIsShownAsLost()
    {
        var (text, repair) = Repaired(PolicyDamaged, elsewhere: "政策研究。人才政策。");

        Assert.Equal("這主要是當地□□和技術創新的結果", text);
        Assert.Equal(RepairConfidence.Partial, repair.Confidence);
        Assert.Equal(2, repair.LostBytes);
        Assert.Contains("perhaps 政策", repair.Note);
        Assert.Contains("without a deletion D5 DF would spell 者", repair.Note);
    }

    [Theory]
    [InlineData("")]                  // the article never writes 政策
    [InlineData("人才政策。")]         // once may be chance: a word is written together at least twice
    public void WithoutEvidenceForAnotherReadingTheBytesSpellTheirCharacter(string elsewhere)
    {
        var (text, repair) = Repaired(PolicyDamaged, elsewhere);

        Assert.Equal("這主要是當地者和技術創新的結果", text);
        Assert.Equal(RepairConfidence.Certain, repair.Confidence);
    }

    [Fact]
    public void AFullStopTheBytesSpellStaysAfterAGap()
    {
        // 人才政策。“: 政策 becomes a gap, and A1 A3 after it spell 。 with no byte missing. The article
        // writes ’。 (‘seek’。) and 。“, but a ’ lost before 。 would join “ no better than 。 alone
        // does, so nothing says a second pair was deleted there.
        var damaged = Damage.Inside("他們享受到當地的人才政策。“到我們這裏創業", 6, 18);

        var (text, repair) = Repaired(damaged, elsewhere: "政策研究。人才政策。真‘seek’。“好”。“金句”‘AI’。");

        Assert.Equal("他們享受到當地的人才□□。“到我們這裏創業", text);
        Assert.Equal(2, repair.LostBytes);
    }

    /// <summary>
    /// 地政府加大 is B5D8 D5FE B8AE BCD3 B4F3: out of step, FE B8 and AE BC were both deleted, so
    /// D5 … D3 hide four bytes and three characters. Two bytes fit too (政[FE D7]子), and only the
    /// article's words can tell: a longer gap needs them at both of its ends, here 政府 written
    /// twice at the start and 加大 at the end.
    /// </summary>
    [Theory]
    [InlineData("市政府。區政府。持續加大投入。", "這主要是當地□□□大了科技創新投入", 4)]
    [InlineData("市政府。區政府。", "這主要是當地□□大了科技創新投入", 2)]   // only the start is supported
    [InlineData("持續加大投入。", "這主要是當地□□大了科技創新投入", 2)]     // only the end
    [InlineData("", "這主要是當地□□大了科技創新投入", 2)]
    public void AGapIsLongerThanTheBytesRequireOnlyWhenTheArticlesWordsJoinBothEnds(string elsewhere, string expected, int lostBytes)
    {
        var damaged = Damage.Inside("這主要是當地政府加大了科技創新投入", 5, 13);

        var (text, repair) = Repaired(damaged, elsewhere);

        Assert.Equal(expected, text);
        Assert.Equal(lostBytes, repair.LostBytes);
        Assert.Equal(RepairConfidence.Partial, repair.Confidence);
        Assert.Contains("the count is uncertain", repair.Note);
        Assert.Contains($"{lostBytes} bytes lost between D5 and D3, {lostBytes / 2 + 1} characters", repair.Note);
    }
}
