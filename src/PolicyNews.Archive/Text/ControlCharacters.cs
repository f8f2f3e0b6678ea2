namespace PolicyNews.Archive.Text;

/// <summary>
/// Names, slugs and filter values are one line of text: a control character in one (a line break or
/// tab too) is damage or an attack, never meant. Refused where such values come in — the importer's
/// metadata and taxonomy, the web's filters — with this sentence, on both providers alike:
/// PostgreSQL cannot even store or compare text holding U+0000, and would fail later with a database error.
/// </summary>
public static class ControlCharacters
{
    /// <summary>Why <paramref name="value"/> cannot be meant as <paramref name="field"/>; null when it holds no control character.</summary>
    public static string? Problem(string field, string? value)
    {
        foreach (var c in value ?? "")
            if (char.IsControl(c))
                return $"{field} holds a control character (U+{(int)c:X4})";
        return null;
    }
}
