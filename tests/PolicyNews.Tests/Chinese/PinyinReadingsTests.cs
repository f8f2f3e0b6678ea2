using System.Text;
using PolicyNews.Archive.Chinese;

namespace PolicyNews.Tests.Chinese;

public class PinyinReadingsTests
{
    [Fact]
    public void ReadsKnownCharacters()
    {
        Assert.Equal("chuàng", PinyinReadings.Of('創')[0]);
        Assert.Contains("shù", PinyinReadings.Of('數'));
        Assert.Contains("dāng", PinyinReadings.Of('當'));
        Assert.Contains("guó", PinyinReadings.Of('国'));
        Assert.Contains("lǜ", PinyinReadings.Of('绿'));
    }

    [Fact]
    public void KeepsEveryReadingNotOnlyTheUsualOne()
    {
        Assert.Contains("de", PinyinReadings.Of('的'));
        Assert.Contains("dì", PinyinReadings.Of('的'));
        Assert.Contains("qiāng", PinyinReadings.Of('創'));
    }

    [Fact]
    public void ReadsCharactersOutsideTheBasicPlane() =>
        // 𬌗 (U+2C317, "occlusion" in dentistry) is in the 2013 list of standard characters.
        Assert.Contains("hé", PinyinReadings.Of(0x2C317));

    [Fact]
    public void KnowsNothingAboutNonHan()
    {
        Assert.Empty(PinyinReadings.Of('A'));
        Assert.Empty(PinyinReadings.Of('，'));
        Assert.Empty(PinyinReadings.Of('\uD800'));
    }

    [Theory]
    [InlineData("chuàng", "chuang")]
    [InlineData("lǜ", "lv")]
    [InlineData("lü", "lv")]
    [InlineData("lv", "lv")]
    [InlineData("lu", "lu")]
    [InlineData("Nǚ", "nv")]
    [InlineData("qù", "qu")]
    [InlineData("de", "de")]
    [InlineData("ḿ", "m")]
    public void TonelessPinyin(string toned, string toneless) =>
        Assert.Equal(toneless, PinyinReadings.Toneless(toned));

    [Fact]
    public void TonelessPinyinHandlesDecomposedMarks() =>
        Assert.Equal("lv", PinyinReadings.Toneless("lu\u0308\u0300"));

    [Theory]
    [InlineData('數', "shù")]
    [InlineData('當', "dāng")]
    [InlineData('國', "guó")]
    [InlineData('綠', "lǜ")]
    [InlineData('綠', "LǛ")]
    public void CanReadSeedReadings(char character, string reading) =>
        Assert.True(PinyinReadings.CanRead(character, reading));

    [Fact]
    public void CanReadComparesNormalisedForms()
    {
        var decomposed = "lǜ".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("lǜ", decomposed);
        Assert.True(PinyinReadings.CanRead('綠', decomposed));
    }

    [Theory]
    [InlineData('數', "shū")]
    [InlineData('國', "guo")] // 數 has a neutral-tone "shu" in the corpus, 國 none
    [InlineData('國', "guǒ")]
    [InlineData('A', "a")]
    public void CannotReadWrongToneOrNonHan(char character, string reading) =>
        Assert.False(PinyinReadings.CanRead(character, reading));

    [Theory]
    [InlineData("lǜ")]
    [InlineData("lü")]
    [InlineData("lv")]
    [InlineData("lu")]
    public void AcceptsEverySpellingOfUmlautWithoutTone(string reading) =>
        Assert.True(PinyinReadings.CanReadToneless('绿', reading));

    [Fact]
    public void TonelessMatchingStillNeedsTheRightSyllable() =>
        Assert.False(PinyinReadings.CanReadToneless('绿', "li"));
}
