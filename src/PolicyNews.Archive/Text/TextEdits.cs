using System.Text;

namespace PolicyNews.Archive.Text;

/// <summary>
/// Replacements against one string, applied together. Stages that change the length of the text
/// use it so that positions recorded by earlier stages (repairs, annotations) can be carried over.
/// </summary>
public sealed class TextEdits(string source)
{
    private readonly List<(int Start, int Length, string Replacement)> _edits = [];

    public string Source => source;
    public bool IsEmpty => _edits.Count == 0;

    public void Replace(int start, int length, string replacement)
    {
        if (start < 0 || length < 0 || start + length > source.Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"edit {start}+{length} outside text of {source.Length}");
        if (_edits.Any(e => start < e.Start + e.Length && e.Start < start + length))
            throw new InvalidOperationException($"edit at {start} overlaps an earlier edit");
        _edits.Add((start, length, replacement));
    }

    public void Delete(int start, int length) => Replace(start, length, "");

    public string Apply()
    {
        var output = new StringBuilder(source.Length);
        var at = 0;
        foreach (var (start, length, replacement) in _edits.OrderBy(e => e.Start).ThenBy(e => e.Length))
        {
            output.Append(source, at, start - at).Append(replacement);
            at = start + length;
        }
        return output.Append(source, at, source.Length - at).ToString();
    }

    /// <summary>Where an offset of the source lands in the output. Offsets inside an edit land at its start.</summary>
    public int Map(int offset)
    {
        var shift = 0;
        foreach (var (start, length, replacement) in _edits)
        {
            if (start + length <= offset && !(length == 0 && start == offset)) shift += replacement.Length - length;
            else if (start < offset && offset < start + length) return start + Shift(start);
        }
        return offset + shift;
    }

    private int Shift(int upTo) =>
        _edits.Where(e => e.Start + e.Length <= upTo).Sum(e => e.Replacement.Length - e.Length);
}
