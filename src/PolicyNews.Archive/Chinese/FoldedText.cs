namespace PolicyNews.Archive.Chinese;

/// <summary>
/// A text folded for search together with, for each UTF-16 index of <see cref="Text"/>, the index
/// in the original text where the folded character's source starts. <c>Origins[Text.Length]</c> is
/// the original's length, so a folded span [start, end) maps to [Origins[start], Origins[end]).
/// </summary>
public sealed record FoldedText(string Text, IReadOnlyList<int> Origins)
{
    /// <summary>The original span that folded to Text[start..end].</summary>
    public (int Start, int End) OriginalSpan(int start, int end) => (Origins[start], Origins[end]);
}
