namespace PolicyNews.Archive.Chinese;

/// <summary>
/// A text converted between scripts together with where each UTF-16 position of the original went,
/// so that a span marked in the original (a repair, a pinyin annotation, a search match) can be
/// marked in the conversion. A word replaced by a word of as many characters maps character by
/// character; a position that falls inside a conversion it cannot follow (inside a surrogate pair,
/// or a word replaced by one of another length) maps outwards, to the start of the replacement for
/// a span's start and to its end for a span's end, so a mapped span always covers the same words.
/// </summary>
public sealed class ConvertedText
{
    private readonly int[]? _starts;   // null: nothing changed length, positions map to themselves
    private readonly int[]? _ends;

    internal ConvertedText(string text, int[]? starts, int[]? ends)
    {
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    public string Text { get; }

    /// <summary>A text left as it is: every position maps to itself.</summary>
    public static ConvertedText Unchanged(string text) => new(text, null, null);

    /// <summary>The span of <see cref="Text"/> that the original's [start, end) became; out-of-range positions are clamped.</summary>
    public (int Start, int End) Span(int start, int end)
    {
        var length = _starts is null ? Text.Length : _starts.Length - 1;
        start = Math.Clamp(start, 0, length);
        end = Math.Clamp(end, start, length);
        if (_starts is null)
            return (start, end);
        return start == end ? (_starts[start], _starts[start]) : (_starts[start], _ends![end]);
    }

    /// <summary>The text that the original's [start, end) became.</summary>
    public string Substring(int start, int end)
    {
        var (s, e) = Span(start, end);
        return Text[s..e];
    }
}
