namespace PolicyNews.Archive.Text;

internal enum TokenKind { Pair, Ascii, Euro, Question }

/// <summary>
/// One character after a run's '?', with the bytes it stands for: a double-byte GBK character
/// (Pair), a fullwidth character flattened to ASCII (Ascii), a lone 0x80 shown as '€' (Euro), or
/// another '?' (Question).
/// </summary>
internal readonly record struct RunToken(TokenKind Kind, char Char, int B1, int B2)
{
    private const int MaxRunLength = 400;

    public bool CanContinue => Kind is TokenKind.Pair or TokenKind.Ascii;
    public bool CanEndAsTrail => Kind == TokenKind.Ascii && Char is >= '@' and <= '~';

    /// <summary>The characters from <paramref name="from"/> on that a run can span: up to a '?' or '€', or before anything else.</summary>
    public static List<RunToken> Read(string text, int from)
    {
        var tokens = new List<RunToken>();
        for (var p = from; p < text.Length && tokens.Count < MaxRunLength; p++)
        {
            var c = text[p];
            if (c == '?') { tokens.Add(new RunToken(TokenKind.Question, c, 0, 0)); break; }
            if (c == '€') { tokens.Add(new RunToken(TokenKind.Euro, c, 0x80, 0)); break; }
            if (c is > ' ' and < '\x7F' && c != '(')
            {
                var (lead, trail) = Gbk.FullwidthBytes(c);
                tokens.Add(new RunToken(TokenKind.Ascii, c, lead, trail));
                continue;
            }
            if (c > '\x7F' && Gbk.TryEncodePair(c, out var b1, out var b2))
            {
                tokens.Add(new RunToken(TokenKind.Pair, c, b1, b2));
                continue;
            }
            break;
        }
        return tokens;
    }
}
