using PolicyNews.Archive.Chinese;

namespace PolicyNews.Tests.Chinese;

public sealed class PinyinSyllablesTests
{
    [Theory]
    [InlineData("chuangxin", "chuang xin")]
    [InlineData("hangzhou", "hang zhou")]
    [InlineData("zhongguokexue", "zhong guo ke xue")]
    [InlineData("xian", "xian")]               // fewest syllables: one, not xi·an
    [InlineData("xianggang", "xiang gang")]
    [InlineData("lv", "lv")]                   // ü typed as v
    [InlineData("e", "e")]
    public void SplitsLettersIntoTheFewestSyllables(string letters, string syllables) =>
        Assert.Equal(syllables.Split(' '), PinyinSyllables.Split(letters));

    [Theory]
    [InlineData("")]
    [InlineData("deepseek")]
    [InlineData("hm")]                         // interjections without a vowel would split almost anything
    [InlineData("ng")]
    [InlineData("chuangx")]
    [InlineData("Chuang")]                     // the caller folds case first
    public void LettersThatAreNotPinyinDoNotSplit(string letters) =>
        Assert.Null(PinyinSyllables.Split(letters));

    [Fact]
    public void OverlongInputDoesNotSplit()
    {
        Assert.NotNull(PinyinSyllables.Split(string.Concat(Enumerable.Repeat("ma", 100))));
        Assert.Null(PinyinSyllables.Split(string.Concat(Enumerable.Repeat("ma", 101))));
    }

    [Theory]
    [InlineData("zhuang", true)]
    [InlineData("a", true)]
    [InlineData("lv", true)]
    [InlineData("m", false)]
    [InlineData("ng", false)]
    [InlineData("hng", false)]
    [InlineData("zhuangs", false)]
    [InlineData("", false)]
    public void KnowsWhichSpellingsAreSyllables(string spelling, bool expected) =>
        Assert.Equal(expected, PinyinSyllables.IsSyllable(spelling));

    [Theory]
    [InlineData('創', "chuang")]
    [InlineData('创', "chuang")]
    [InlineData('長', "zhang")]
    [InlineData('行', "xing")]
    [InlineData('绿', "lv")]
    [InlineData('A', null)]
    [InlineData('。', null)]
    public void TheUsualReadingIsTheFirstWithoutTones(char character, string? expected) =>
        Assert.Equal(expected, PinyinSyllables.UsualReading(character));

    [Theory]
    [InlineData('長', "zhang chang")]
    [InlineData('行', "xing hang heng")]
    [InlineData('的', "de di")]              // dí and dì are one toneless reading
    public void ReadingsAreTonelessDistinctAndUsualFirst(char character, string expected)
    {
        var readings = PinyinSyllables.Readings(character);

        Assert.Equal(expected.Split(' ')[0], readings[0]);
        Assert.Equal(readings.Distinct(), readings);
        Assert.All(expected.Split(' '), r => Assert.Contains(r, readings));
    }
}
