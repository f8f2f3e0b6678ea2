using System.Text;

namespace PolicyNews.Archive.Text;

/// <summary>
/// The GBK (Windows code page 936) byte table, pair by pair. The mojibake repair works on bytes:
/// it re-encodes damaged characters to the bytes they came from and pairs them again, so it needs
/// both directions and must know which pairs a decoder would have refused.
/// </summary>
public static class Gbk
{
    public const int Invalid = -1;

    // Index: (lead - 0x81) * 256 + trail. Value: code point, or Invalid for pairs that are not
    // characters or that decode into the Private Use Area (user-defined GBK ranges: the damaged
    // seeds lost those characters for good).
    private static readonly Lazy<int[]> PairTable = new(BuildPairTable);
    private static readonly Lazy<Dictionary<int, (byte Lead, byte Trail)>> ReverseTable =
        new(() => BuildReverse(PairTable.Value));

    public static Encoding Encoding { get; } = LoadEncoding();

    private static Encoding LoadEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public static bool IsLeadByte(int b) => b is >= 0x81 and <= 0xFE;

    /// <summary>The character a lead/trail pair spells, or <see cref="Invalid"/>.</summary>
    public static int Decode(int lead, int trail)
    {
        if (!IsLeadByte(lead) || trail is < 0x40 or > 0xFE or 0x7F) return Invalid;
        return PairTable.Value[(lead - 0x81) * 256 + trail];
    }

    /// <summary>The two bytes of a double-byte GBK character; false for ASCII and unmapped characters.</summary>
    public static bool TryEncodePair(int codePoint, out byte lead, out byte trail)
    {
        if (ReverseTable.Value.TryGetValue(codePoint, out var pair))
        {
            (lead, trail) = pair;
            return true;
        }
        lead = trail = 0;
        return false;
    }

    /// <summary>
    /// The bytes an ASCII character stood for before fullwidth forms were flattened: '!' was
    /// '！' (A3 A1), 'H' was 'Ｈ' (A3 C8). GBK places the fullwidth block at A3 A1–A3 FE.
    /// </summary>
    public static (byte Lead, byte Trail) FullwidthBytes(char ascii) =>
        ascii is >= '!' and <= '~'
            ? ((byte)0xA3, (byte)(ascii - '!' + 0xA1))
            : throw new ArgumentOutOfRangeException(nameof(ascii), ascii, "only printable ASCII has a fullwidth form");

    private static int[] BuildPairTable()
    {
        var table = new int[126 * 256];
        Array.Fill(table, Invalid);
        var decoder = Encoding;
        var pair = new byte[2];
        for (var lead = 0x81; lead <= 0xFE; lead++)
        for (var trail = 0x40; trail <= 0xFE; trail++)
        {
            if (trail == 0x7F) continue;
            pair[0] = (byte)lead;
            pair[1] = (byte)trail;
            string text;
            try { text = decoder.GetString(pair); }
            catch (DecoderFallbackException) { continue; }
            if (text.Length == 0) continue;
            var codePoint = char.ConvertToUtf32(text, 0);
            var isOneCharacter = text.Length == (codePoint > 0xFFFF ? 2 : 1);
            var isPrivateUse = codePoint is >= 0xE000 and <= 0xF8FF;
            if (isOneCharacter && !isPrivateUse) table[(lead - 0x81) * 256 + trail] = codePoint;
        }
        return table;
    }

    private static Dictionary<int, (byte, byte)> BuildReverse(int[] table)
    {
        var reverse = new Dictionary<int, (byte, byte)>(24000);
        for (var i = 0; i < table.Length; i++)
            if (table[i] != Invalid)
                reverse.TryAdd(table[i], ((byte)(i / 256 + 0x81), (byte)(i % 256)));
        return reverse;
    }
}
