namespace PolicyNews.Archive.Chinese;

/// <summary>
/// The per-character Unihan table (Chinese/Data/variants.tsv): one Simplified form per Traditional
/// character and one default Traditional form per Simplified one, without word context.
///
/// Display conversion no longer uses it (see <see cref="ScriptConverter"/>), but two users still
/// do on purpose: today's search folding (<see cref="ScriptConverter.FoldForSearch"/>), which must
/// not change until the index is rebuilt with <see cref="VariantFolding"/>, and the mojibake
/// repair's character judge, whose scores the seeds' documented repairs were measured with.
/// </summary>
internal static class UnihanVariants
{
    private static readonly Lazy<(Dictionary<int, int> Simplified, Dictionary<int, int> Traditional)> Maps = new(Load);

    public static int Simplified(int codePoint) => Maps.Value.Simplified.GetValueOrDefault(codePoint, codePoint);

    public static int Traditional(int codePoint) => Maps.Value.Traditional.GetValueOrDefault(codePoint, codePoint);

    /// <summary>A character Unihan gives a different Traditional form and no Simplified one (丝, 哟, 只).</summary>
    public static bool IsSimplifiedOnly(int codePoint) =>
        Traditional(codePoint) != codePoint && Simplified(codePoint) == codePoint;

    private static (Dictionary<int, int>, Dictionary<int, int>) Load()
    {
        var toSimplified = new Dictionary<int, int>();
        var toTraditional = new Dictionary<int, int>();
        foreach (var row in EmbeddedTable.Rows("variants.tsv"))
        {
            var map = row[0] == "S" ? toSimplified : toTraditional;
            map[EmbeddedTable.CodePoint(row[1])] = EmbeddedTable.CodePoint(row[2]);
        }
        return (toSimplified, toTraditional);
    }
}
