using System.Text;
using PolicyNews.Archive.Chinese;

namespace PolicyNews.Tests.Chinese;

public class HanTests
{
    [Theory]
    [InlineData(0x521B, true)]     // 创, the basic block
    [InlineData(0x3400, true)]     // 㐀, extension A
    [InlineData(0x2C317, true)]    // 𬌗, extension C
    [InlineData(0xF900, true)]     // 豈, a compatibility ideograph
    [InlineData(0x2F800, true)]    // 丽, the compatibility supplement
    [InlineData(0x3005, true)]     // 々
    [InlineData(0x3007, true)]     // 〇
    [InlineData('A', false)]
    [InlineData(0x304C, false)]    // が
    [InlineData(0xFF0C, false)]    // ，
    [InlineData(0x3002, false)]    // 。
    [InlineData(0x4DC0, false)]    // ䷀, a Yijing hexagram between extension A and the basic block
    [InlineData(0x1F600, false)]   // an emoji
    public void KnowsWhichCharactersAreHan(int codePoint, bool isHan) =>
        Assert.Equal(isHan, Han.IsCharacter(new Rune(codePoint)));

    [Theory]
    [InlineData(0x521B, true)]
    [InlineData(0x3400, true)]
    [InlineData(0x2C317, true)]
    [InlineData(0xF900, false)]
    [InlineData(0x2F800, false)]
    [InlineData(0x3005, false)]
    public void UnifiedLeavesOutCompatibilityIdeographsAndMarks(int codePoint, bool isUnified) =>
        Assert.Equal(isUnified, Han.IsUnified(new Rune(codePoint)));

    [Fact]
    public void FoldingTheUnifiedIdeographsChangesOnlyTheirScript()
    {
        // ScriptConverter takes a short path for them; it must give what the general path gives.
        for (var value = 0; value <= 0x3FFFF; value++)
            if (Rune.IsValid(value) && Han.IsUnified(new Rune(value)))
            {
                var text = char.ConvertFromUtf32(value);
                Assert.Equal(ScriptConverter.FoldForSearch(text), ScriptConverter.FoldForSearchWithOffsets(text).Text);
            }
    }
}
