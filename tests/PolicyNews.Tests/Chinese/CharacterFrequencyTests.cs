using PolicyNews.Archive.Chinese;

namespace PolicyNews.Tests.Chinese;

public class CharacterFrequencyTests
{
    private const string CommonCharacters = "的國創新評論經傳著名風險當地在個";

    // Rarer characters GBK also encodes. 蛟 and 紕 are real words' characters, just far rarer
    // than what a mojibake repair expects; 帯 is Japanese shinjitai and absent from every source.
    private const string RareCharacters = "丶罅紕绹韫帯筄蛟";

    [Fact]
    public void CommonCharactersOutscoreRareOnes()
    {
        var weakestCommon = CommonCharacters.Min(c => CharacterFrequency.Score(c));
        var strongestRare = RareCharacters.Max(c => CharacterFrequency.Score(c));
        Assert.True(weakestCommon > 2 * strongestRare, $"weakest common {weakestCommon}, strongest rare {strongestRare}");
    }

    [Fact]
    public void SeparatesCommonFromRare()
    {
        Assert.All(CommonCharacters, c => Assert.True(CharacterFrequency.IsCommon(c), $"{c} should be common"));
        Assert.All(RareCharacters, c => Assert.False(CharacterFrequency.IsCommon(c), $"{c} should not be common"));
    }

    [Fact]
    public void RanksBothScriptsOfACommonWordAsCommon()
    {
        foreach (var c in "国国际经济发展後发發")
            Assert.True(CharacterFrequency.IsCommon(c), $"{c} should be common");
    }

    [Fact]
    public void MoreFrequentCharactersScoreHigher()
    {
        Assert.True(CharacterFrequency.Score('的') > CharacterFrequency.Score('丝'));
        Assert.True(CharacterFrequency.Score('丝') > CharacterFrequency.Score('蛟'));
    }

    [Fact]
    public void UnknownCharactersScoreZero()
    {
        Assert.Equal(0, CharacterFrequency.Score('帯'));
        Assert.Equal(0, CharacterFrequency.Score('A'));
        Assert.Equal(0, CharacterFrequency.Score(0x10FFFF));
    }
}
