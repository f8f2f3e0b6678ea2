using System.Text;
using PolicyNews.Archive.Text;

namespace PolicyNews.Tests.Text;

public class SourceDecoderTests
{
    private static readonly SourceDecoder Decoder = new(UnihanCharacterJudge.Instance);
    private const string Sample = "科技創新是發展的第一動力。\r\n人工智能(AI)";

    static SourceDecoderTests() => Gbk.Encoding.GetType(); // registers the code pages

    [Fact]
    public void Utf8WithoutABomIsReadAndLineEndsBecomeNewlines()
    {
        var decoded = Decoder.Decode(Encoding.UTF8.GetBytes(Sample), "sample.txt");

        Assert.Equal(("utf-8", "科技創新是發展的第一動力。\n人工智能(AI)"), (decoded.Encoding, decoded.Text));
    }

    [Fact]
    public void Utf8WithABomIsReadWithoutTheBom()
    {
        var decoded = Decoder.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Sample)], "sample.txt");

        Assert.Equal("utf-8-bom", decoded.Encoding);
        Assert.StartsWith("科技", decoded.Text);
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public void Utf16IsRecognisedByItsBom(string name)
    {
        var encoding = name == "utf-16le" ? Encoding.Unicode : Encoding.BigEndianUnicode;

        var decoded = Decoder.Decode([.. encoding.GetPreamble(), .. encoding.GetBytes(Sample)], "sample.txt");

        Assert.Equal(name, decoded.Encoding);
        Assert.StartsWith("科技創新", decoded.Text);
    }

    [Fact]
    public void Gb18030TextIsReadAsGb18030()
    {
        var decoded = Decoder.Decode(Encoding.GetEncoding(54936).GetBytes(Sample), "sample.txt");

        Assert.Equal("gb18030", decoded.Encoding);
        Assert.StartsWith("科技創新是發展的第一動力。", decoded.Text);
    }

    [Fact]
    public void Big5TextIsReadAsBig5()
    {
        var decoded = Decoder.Decode(Encoding.GetEncoding(950).GetBytes("科技創新是發展的第一動力，這是我們的經驗。"), "sample.txt");

        Assert.Equal("big5", decoded.Encoding);
        Assert.Equal("科技創新是發展的第一動力，這是我們的經驗。", decoded.Text);
    }

    [Fact]
    public void BinaryInputIsRejected()
    {
        Assert.Throws<SourceRejectedException>(() => Decoder.Decode([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02], "sample.txt"));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x20, 0x0A, 0x09 })]
    public void EmptyInputIsRejected(byte[] bytes)
    {
        Assert.Throws<SourceRejectedException>(() => Decoder.Decode(bytes, "sample.txt"));
    }
}

public class PinyinSeparatorTests
{
    private static readonly PinyinSeparator Separator = new(UnihanCharacterJudge.Instance);

    [Fact]
    public void PinyinAfterACharacterIsSeparatedWithItsOffset()
    {
        var outcome = Separator.Apply(LineText.Of("不好說(shuō),但是"));

        Assert.Equal("不好說,但是", outcome.Line.Text);
        var annotation = Assert.Single(outcome.Line.Annotations);
        Assert.Equal(new ReadingAnnotation(2, "說", "shuō"), annotation);
        Assert.Equal(1, outcome.Separated);
        Assert.Empty(outcome.Mismatches);
    }

    [Theory]
    [InlineData("人工智能(AI)企業")]
    [InlineData("馬克·安德森(Marc Andreessen)")]
    [InlineData("增速(1.7%)")]
    [InlineData("深度求索(記者 趙廣立)")]
    public void ParenthesisedTextThatIsNotToneMarkedPinyinIsUntouched(string text)
    {
        var outcome = Separator.Apply(LineText.Of(text));

        Assert.Equal(text, outcome.Line.Text);
        Assert.Empty(outcome.Line.Annotations);
    }
}

public class PunctuationRestorerTests
{
    [Fact]
    public void ACommaBetweenChineseBecomesFullwidth()
    {
        var (line, restored) = PunctuationRestorer.Apply(LineText.Of("科技,創新"));

        Assert.Equal(("科技，創新", 1), (line.Text, restored));
    }

    [Theory]
    [InlineData("投入3,000億元")]
    [InlineData("Hello, world: yes; no!")]
    [InlineData("DeepSeek-R1, GPT-o1")]
    public void CommasInNumbersAndLatinTextAreUntouched(string text)
    {
        var (line, restored) = PunctuationRestorer.Apply(LineText.Of(text));

        Assert.Equal((text, 0), (line.Text, restored));
    }
}

public class MarkupStripperTests
{
    [Fact]
    public void AClosingTagRemnantIsRemoved()
    {
        var (line, removed) = MarkupStripper.StripRemnants(LineText.Of("記住！</p>下一段"));

        Assert.Equal(("記住！下一段", 1), (line.Text, removed));
    }

    [Fact]
    public void AClosingTagCutOffAtTheEndOfALineIsRemoved()
    {
        var (line, removed) = MarkupStripper.StripRemnants(LineText.Of("記住！</p"));

        Assert.Equal(("記住！", 1), (line.Text, removed));
    }

    [Fact]
    public void EntitiesAreDecoded()
    {
        var (line, removed) = MarkupStripper.StripRemnants(LineText.Of("研發&amp;創新&#65;&lt;"));

        Assert.Equal(("研發&創新A<", 3), (line.Text, removed));
    }

    [Fact]
    public void TextWithoutMarkupIsUntouched()
    {
        var (line, removed) = MarkupStripper.StripRemnants(LineText.Of("a < b 且 c > d"));

        Assert.Equal(("a < b 且 c > d", 0), (line.Text, removed));
    }
}
