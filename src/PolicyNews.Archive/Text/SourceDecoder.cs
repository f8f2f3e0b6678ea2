using System.Text;

namespace PolicyNews.Archive.Text;

/// <summary>
/// Stage 1: bytes to text. UTF-8 (with or without BOM) and UTF-16 with BOM are recognised by their
/// marks; text that is not valid UTF-8 is tried as GB18030 (a superset of GBK) and as Big5, and the
/// reading with more plausible Chinese wins. Empty, binary and undecodable input is rejected.
/// </summary>
public sealed class SourceDecoder(ICharacterJudge judge)
{
    public sealed record Decoded(string Text, string Encoding);

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    public Decoded Decode(ReadOnlySpan<byte> bytes, string fileName)
    {
        if (bytes.IsEmpty) throw new SourceRejectedException(fileName, "the file is empty");

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Checked(Strict(StrictUtf8, bytes[3..]), "utf-8-bom", fileName);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Checked(Strict(new UnicodeEncoding(false, false, true), bytes[2..]), "utf-16le", fileName);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Checked(Strict(new UnicodeEncoding(true, false, true), bytes[2..]), "utf-16be", fileName);
        if (bytes.Contains((byte)0)) throw new SourceRejectedException(fileName, "the file is binary (it contains NUL bytes)");

        if (Strict(StrictUtf8, bytes) is { } utf8) return Checked(utf8, "utf-8", fileName);

        Gbk.Encoding.GetType(); // registers the code-page provider
        var gb18030 = Strict(Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), bytes);
        var big5 = Strict(Encoding.GetEncoding(950, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), bytes);
        var best = new[] { (Text: gb18030, Name: "gb18030"), (Text: big5, Name: "big5") }
            .Where(c => c.Text is not null)
            .OrderByDescending(c => MeanPlausibility(c.Text!))
            .FirstOrDefault();
        if (best.Text is null) throw new SourceRejectedException(fileName, "the text is not UTF-8, UTF-16, GB18030 or Big5");
        return Checked(best.Text, best.Name, fileName);
    }

    private static string? Strict(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try { return encoding.GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
    }

    private static Decoded Checked(string? text, string encoding, string fileName)
    {
        if (text is null) throw new SourceRejectedException(fileName, $"the file is marked as {encoding} but does not decode as it");
        if (text.Trim().Length == 0) throw new SourceRejectedException(fileName, "the file holds no text");
        var control = text.Count(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
        if (control > text.Length / 100 + 1) throw new SourceRejectedException(fileName, $"the file is binary ({control} control characters)");
        return new Decoded(text.Replace("\r\n", "\n").Replace('\r', '\n'), encoding);
    }

    private double MeanPlausibility(string text)
    {
        var han = text.Where(c => c > '\x7F').Take(4000).ToList();
        return han.Count == 0 ? 0 : han.Average(c => judge.Plausibility(c));
    }
}
