namespace PolicyNews.Archive.Text;

/// <summary>
/// Stage 5: the damage flattened fullwidth punctuation to ASCII. In Chinese context — a Han
/// character or Chinese punctuation on either side — , : ; ! ? ( ) become ，：；！？（）again.
/// Latin words and numbers keep their ASCII: 1.7%, DeepSeek-R1, GPT-o1. Brackets turn as a pair.
/// One character becomes one character, so no position moves. The damage flattened every fullwidth
/// form in a file, so a file that still holds one (，？！ …) was never flattened: its ASCII marks are
/// the source's own (《Who Will Build the Fabs?》) and the stage leaves them alone.
/// </summary>
public static class PunctuationRestorer
{
    /// <summary>Whether the text shows the flattening: not one fullwidth form (U+FF01–FF5E) is left in it.</summary>
    public static bool WasFlattened(string text) => !text.Any(c => c is >= '\uFF01' and <= '\uFF5E');

    private static readonly Dictionary<char, char> Fullwidth = new()
    {
        [','] = '，', [':'] = '：', [';'] = '；', ['!'] = '！', ['?'] = '？', ['('] = '（', [')'] = '）',
    };

    public static (LineText Line, int Restored) Apply(LineText line)
    {
        var chars = line.Text.ToCharArray();
        var restored = 0;
        var openBrackets = new Stack<(int At, bool Turned)>();
        var lineIsChinese = chars.Any(IsChinese);
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (!Fullwidth.TryGetValue(c, out var wide)) continue;
            bool turn;
            if (c == ')')
            {
                if (!openBrackets.TryPop(out var open)) continue;
                turn = open.Turned;
            }
            else
            {
                var before = i > 0 ? chars[i - 1] : '\0';
                var after = i + 1 < chars.Length ? chars[i + 1] : '\0';
                // '(' turns when Chinese precedes it; other marks when Chinese touches either side, or
                // when they end a Chinese line ("如何培育更多的DeepSeek?").
                turn = c == '(' ? IsChinese(before) : IsChinese(before) || IsChinese(after) || (after == '\0' && lineIsChinese);
                if (c == '(') openBrackets.Push((i, turn));
            }
            if (!turn) continue;
            chars[i] = wide;
            restored++;
        }
        return restored == 0 ? (line, 0) : (line with { Text = new string(chars) }, restored);
    }

    public static bool IsChinese(char c) =>
        c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\u3000' and <= '\u303F' or >= '\uFF00' and <= '\uFF0F'
            or '“' or '”' or '‘' or '’' or '…' or '—' or '·' or Repair.Unrecoverable || char.IsSurrogate(c);
}
