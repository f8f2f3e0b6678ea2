using System.Text;

namespace PolicyNews.Archive.Chinese;

/// <summary>
/// Folds every variant of a Han character to one form, for search: 裏, 裡 and 里 to 里; 週 to 周;
/// 墻, 牆 to 墙; 籤, 簽 to 签; 鑑, 鑒 to 鉴. Characters that stay distinct in Simplified are not
/// merged: 覆 folds to itself, apart from 復 and 複 (both 复), because mainland text still writes
/// 覆 in 覆盖 and 颠覆. The table (Chinese/Data/fold.tsv) and the rule that builds it are in
/// tools/PolicyNews.ChineseTables/FoldingTable.cs.
///
/// Character level only: 反覆 (反复) still folds to 反覆 and 隨著 to 随著 — words need
/// <see cref="ScriptConverter.ToSimplified"/>. Search folds with it (ScriptConverter.FoldForSearch);
/// a change to the table needs the index rebuilt (a migration, as 008 did).
/// </summary>
public static class VariantFolding
{
    private static readonly Lazy<Dictionary<int, int>> Folds = new(() =>
        EmbeddedTable.Rows("fold.tsv").ToDictionary(row => EmbeddedTable.CodePoint(row[0]), row => EmbeddedTable.CodePoint(row[1])));

    /// <summary>The form every variant of this character folds to; the character itself when it has none.</summary>
    public static int Fold(int codePoint) => Folds.Value.GetValueOrDefault(codePoint, codePoint);

    /// <summary>Each character folded; everything else (and lone surrogate halves) copied as it is.</summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                folded.Append(char.ConvertFromUtf32(Fold(char.ConvertToUtf32(text[i], text[i + 1]))));
                i++;
            }
            else if (char.IsSurrogate(text[i]))
                folded.Append(text[i]);
            else
                folded.Append(char.ConvertFromUtf32(Fold(text[i])));
        }
        return folded.ToString();
    }
}
