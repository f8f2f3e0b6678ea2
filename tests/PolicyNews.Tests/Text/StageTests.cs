using System.Text;
using PolicyNews.Archive.Text;

namespace PolicyNews.Tests.Text;

public class SourceDecoderTests
{
    private static readonly SourceDecoder Decoder = new(UnihanCharacterJudge.Instance);
    private const string Sample = "科技創新是發展的第一動力。\r\n人工智能(AI)";

    static SourceDecoderTests() => Gbk.Encoding.GetType(); // registers the code pages

    [Fact]
    public void Utf8_without_a_bom_is_read_and_line_ends_become_newlines()
    {
        var decoded = Decoder.Decode(Encoding.UTF8.GetBytes(Sample), "sample.txt");

        Assert.Equal(("utf-8", "科技創新是發展的第一動力。\n人工智能(AI)"), (decoded.Encoding, decoded.Text));
    }

    [Fact]
    public void Utf8_with_a_bom_is_read_without_the_bom()
    {
        var decoded = Decoder.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Sample)], "sample.txt");

        Assert.Equal("utf-8-bom", decoded.Encoding);
        Assert.StartsWith("科技", decoded.Text);
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public void Utf16_is_recognised_by_its_bom(string name)
    {
        var encoding = name == "utf-16le" ? Encoding.Unicode : Encoding.BigEndianUnicode;

        var decoded = Decoder.Decode([.. encoding.GetPreamble(), .. encoding.GetBytes(Sample)], "sample.txt");

        Assert.Equal(name, decoded.Encoding);
        Assert.StartsWith("科技創新", decoded.Text);
    }

    [Fact]
    public void Gb18030_text_is_read_as_gb18030()
    {
        var decoded = Decoder.Decode(Encoding.GetEncoding(54936).GetBytes(Sample), "sample.txt");

        Assert.Equal("gb18030", decoded.Encoding);
        Assert.StartsWith("科技創新是發展的第一動力。", decoded.Text);
    }

    [Fact]
    public void Big5_text_is_read_as_big5()
    {
        var decoded = Decoder.Decode(Encoding.GetEncoding(950).GetBytes("科技創新是發展的第一動力，這是我們的經驗。"), "sample.txt");

        Assert.Equal("big5", decoded.Encoding);
        Assert.Equal("科技創新是發展的第一動力，這是我們的經驗。", decoded.Text);
    }

    [Fact]
    public void Binary_input_is_rejected()
    {
        Assert.Throws<SourceRejectedException>(() => Decoder.Decode([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02], "sample.txt"));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x20, 0x0A, 0x09 })]
    public void Empty_input_is_rejected(byte[] bytes)
    {
        Assert.Throws<SourceRejectedException>(() => Decoder.Decode(bytes, "sample.txt"));
    }
}

public class PinyinSeparatorTests
{
    private static readonly PinyinSeparator Separator = new(UnihanCharacterJudge.Instance);

    [Fact]
    public void Pinyin_after_a_character_is_separated_with_its_offset()
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
    public void Parenthesised_text_that_is_not_tone_marked_pinyin_is_untouched(string text)
    {
        var outcome = Separator.Apply(LineText.Of(text));

        Assert.Equal(text, outcome.Line.Text);
        Assert.Empty(outcome.Line.Annotations);
    }
}

public class PunctuationRestorerTests
{
    [Fact]
    public void A_comma_between_chinese_becomes_fullwidth()
    {
        var (line, restored) = PunctuationRestorer.Apply(LineText.Of("科技,創新"));

        Assert.Equal(("科技，創新", 1), (line.Text, restored));
    }

    [Theory]
    [InlineData("投入3,000億元")]
    [InlineData("Hello, world: yes; no!")]
    [InlineData("DeepSeek-R1, GPT-o1")]
    public void Commas_in_numbers_and_latin_text_are_untouched(string text)
    {
        var (line, restored) = PunctuationRestorer.Apply(LineText.Of(text));

        Assert.Equal((text, 0), (line.Text, restored));
    }
}

public class MarkupStripperTests
{
    [Fact]
    public void A_closing_tag_remnant_is_removed()
    {
        var (line, removed) = MarkupStripper.StripRemnants(LineText.Of("記住！</p>下一段"));

        Assert.Equal(("記住！下一段", 1), (line.Text, removed));
    }

    [Fact]
    public void A_closing_tag_cut_off_at_the_end_of_a_line_is_removed()
    {
        var (line, removed) = MarkupStripper.StripRemnants(LineText.Of("記住！</p"));

        Assert.Equal(("記住！", 1), (line.Text, removed));
    }

    [Fact]
    public void Entities_are_decoded()
    {
        var (line, removed) = MarkupStripper.StripRemnants(LineText.Of("研發&amp;創新&#65;&lt;"));

        Assert.Equal(("研發&創新A<", 3), (line.Text, removed));
    }

    [Fact]
    public void Text_without_markup_is_untouched()
    {
        var (line, removed) = MarkupStripper.StripRemnants(LineText.Of("a < b 且 c > d"));

        Assert.Equal(("a < b 且 c > d", 0), (line.Text, removed));
    }
}
