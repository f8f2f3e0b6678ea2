using System.Text;

namespace PolicyNews.Archive.Chinese;

/// <summary>Which characters are Han: one definition for search tokens, folding and the tools.</summary>
public static class Han
{
    /// <summary>
    /// Han characters: the unified ideographs, the compatibility ideographs, and the iteration marks
    /// 々 and 〇 that stand in Chinese text as characters.
    /// </summary>
    public static bool IsCharacter(Rune rune) => IsUnified(rune) || IsCompatibility(rune) || rune.Value is 0x3005 or 0x3007;

    /// <summary>
    /// The unified ideographs: the basic block, extension A, and planes 2 and 3 (extensions B and
    /// later) apart from the compatibility supplement. None has a width, case or compatibility
    /// form, so folding for search only changes their script.
    /// </summary>
    public static bool IsUnified(Rune rune) => rune.Value is >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF
        or >= 0x20000 and <= 0x3FFFF and not (>= 0x2F800 and <= 0x2FA1F);

    /// <summary>Compatibility ideographs (U+F900 豈 …): NFC maps most of them to a unified ideograph.</summary>
    static bool IsCompatibility(Rune rune) => rune.Value is >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;
}
