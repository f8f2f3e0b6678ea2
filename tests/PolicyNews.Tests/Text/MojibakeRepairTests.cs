using PolicyNews.Archive.Text;

namespace PolicyNews.Tests.Text;

public class MojibakeRepairTests
{
    private static readonly MojibakeRepair Repair = new(UnihanCharacterJudge.Instance);

    private static (string Damaged, string Expected) DamageInside(string sentence, int k, int terminatorIndex) =>
        (Damage.Inside(sentence, k, terminatorIndex), sentence);

    [Theory]
    [InlineData("浙江省的科技支出增速明顯高於全國水平", 4, 10)]
    [InlineData("浙江省的科技支出增速明顯高於全國水平", 6, 12)]
    [InlineData("浙江省的科技支出增速明顯高於全國水平", 9, 15)]
    [InlineData("研究機構在政策項目人才等方面都給予支持", 2, 8)]
    [InlineData("研究機構在政策項目人才等方面都給予支持", 7, 13)]
    [InlineData("研究機構在政策項目人才等方面都給予支持", 10, 16)]
    public void RebuildsARunMadeByMisaligningGbkBytes(string sentence, int k, int terminator)
    {
        var (damaged, expected) = DamageInside(sentence, k, terminator);
        Assert.Contains('?', damaged); // the sample really is damaged

        var repaired = Repair.Apply(LineText.Of(damaged));

        var text = Pinyin.Annotation().Replace(repaired.Text, "");
        Assert.Equal(expected, text);
        var repair = Assert.Single(repaired.Repairs);
        Assert.Equal(RepairConfidence.Certain, repair.Confidence);
        Assert.Equal(0, repair.LostBytes);
        Assert.StartsWith("?", repair.Original);
    }

    [Fact]
    public void RecordsOriginalSpanAndReplacementAtItsOffset()
    {
        var (damaged, _) = DamageInside("浙江省的科技支出增速明顯高於全國水平", 4, 10);

        var repaired = Repair.Apply(LineText.Of(damaged));

        var repair = Assert.Single(repaired.Repairs);
        Assert.Equal(repair.Replacement, repaired.Text.Substring(repair.Offset, repair.Length));
        Assert.Contains(repair.Original, damaged);
        Assert.DoesNotContain('?', repair.Replacement);
    }

    [Fact]
    public void MarksCharactersWhoseBytesWereDeletedAsUnrecoverable()
    {
        // 果缺 is B9 FB C8 B1: out of step, FB C8 falls in GBK's user-defined area, which the
        // decoder turned into a private-use character that was later deleted.
        var (damaged, _) = DamageInside("想想看如果缺少技術理想", 2, 6);

        var repaired = Repair.Apply(LineText.Of(damaged));

        var repair = Assert.Single(repaired.Repairs);
        Assert.Equal(RepairConfidence.Partial, repair.Confidence);
        Assert.Equal(2, repair.LostBytes);
        Assert.Equal("想想看如□□少技術理想", Pinyin.Annotation().Replace(repaired.Text, ""));
    }

    [Fact]
    public void AGapOfTwoDeletedPairsShowsEveryLostCharacter()
    {
        // 參國板 is 85 A2 | 87 F8 | B0 E5. Out of step, A2 87 and F8 B0 both fall in GBK's
        // user-defined area and were deleted: 85 and E5 survive with four bytes gone between them,
        // so three characters are lost, not two.
        var (damaged, _) = DamageInside("浙江省的科技參國板明顯高於全國水平", 4, 12);

        var repaired = Repair.Apply(LineText.Of(damaged));

        Assert.Equal("浙江省的科技□□□明顯高於全國水平", Pinyin.Annotation().Replace(repaired.Text, ""));
        var repair = Assert.Single(repaired.Repairs);
        Assert.Equal(RepairConfidence.Partial, repair.Confidence);
        Assert.Equal(4, repair.LostBytes);
        Assert.Contains("4 bytes lost between 85 and E5, 3 characters", repair.Note);
    }

    [Fact]
    public void ALostClosingQuoteAfterAFullStopIsChosenByTheOpenQuotation()
    {
        // ”(A1 B1) ends the paragraph before "</p>": out of step its trail byte B1 met the '<' and
        // the decoder showed one '?', so B1 is lost. Every A1 xx punctuation mark scores alike; only
        // the open “ says it was ”, and 、 never follows 。.
        const string sentence = "他說“當地加大了科技投入力度。”";
        var bytes = Damage.ToGbk(sentence).Concat("</p>"u8.ToArray()).ToArray();
        var straddled = Gbk.Decode(bytes[7], bytes[8]); // 數: the trail of 當 and the lead of 地
        var damaged = Damage.DecodeLikeTheDamage(Damage.Annotate(bytes, new Dictionary<char, string> { [(char)straddled] = Damage.ReadingOf(straddled) }));

        var repaired = Repair.Apply(LineText.Of(damaged));

        Assert.StartsWith(sentence + "</p>", Pinyin.Annotation().Replace(repaired.Text, ""));
        var repair = Assert.Single(repaired.Repairs);
        Assert.Contains("a guess", repair.Note);
        // no byte was deleted, but ’ fits the bytes as well as ”: the repair is not certain
        Assert.Equal(0, repair.LostBytes);
        Assert.Equal(RepairConfidence.Partial, repair.Confidence);
    }

    [Fact]
    public void TheLostLeadByteMakesAStraddledCharacterTheArticleAnnotatesElsewhere()
    {
        // 技壓 is BC BC 89 BA; the annotator matched 級 (BC 89) across them. 即 (BC B4) also reads
        // jí and B4 BA (春) is more common than 89 BA (壓), but the article writes 即 without an
        // annotation and annotates 級 wherever it stands, so 級 is the one on the annotator's list.
        var bytes = Damage.ToGbk("水平技壓群芳，迫使OpenAI");
        var damaged = Damage.DecodeLikeTheDamage(Damage.Annotate(bytes, new Dictionary<char, string> { ['級'] = "jí" }));
        var article = new DocumentVocabulary("頂級(jí)模型。即使如此。" + damaged);

        var repaired = Repair.Apply(LineText.Of(damaged), article);

        Assert.StartsWith("水平技壓群芳", Pinyin.Annotation().Replace(repaired.Text, ""));
        var repair = Assert.Single(repaired.Repairs);
        Assert.Contains("BC 89 = 級", repair.Note);
    }

    [Theory]
    [InlineData("這成了其他城市都在試圖解答的“杭州之問”?這是好事")]
    [InlineData("如何培育更多的DeepSeek?")]
    [InlineData("DeepSeek-R1模型嗎?技術(shù)理想主義")]
    [InlineData("人工智能(AI)企業深度求索(記者 趙廣立)")]
    public void LeavesCleanTextAlone(string clean)
    {
        var result = Repair.Apply(LineText.Of(clean));

        Assert.Equal(clean, result.Text);
        Assert.Empty(result.Repairs);
    }

    [Fact]
    public void RepairsTheSeedsSystematicDamageToDangDi()
    {
        const string damaged = "這主要是當(dāng)?shù)丶哟罅丝萍紕?chuàng)新投入力度。";

        var result = Repair.Apply(LineText.Of(damaged));

        Assert.Equal("這主要是當(dāng)地加大了科技創(chuàng)新投入力度。", result.Text);
        var repair = Assert.Single(result.Repairs);
        Assert.Equal("?shù)丶哟罅丝萍紕?", repair.Original);
        Assert.Equal(RepairConfidence.Certain, repair.Confidence);
        Assert.Contains("94 B5 = 數", repair.Note);
    }
}
