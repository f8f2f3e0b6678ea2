namespace PolicyNews.Web.ShareCards;

/// <summary>Where the share cards (og:image) find a font for Chinese titles, bound from the <c>ShareCards</c> section.</summary>
public sealed class ShareCardSettings
{
    public const string SectionName = "ShareCards";

    /// <summary>
    /// <c>ShareCards:Fonts</c> — font files or folders (searched recursively), separated by <c>;</c>,
    /// in which to look for a CJK font. Debian's fonts-noto-cjk puts Noto CJK under /usr/share/fonts.
    /// With none found the portal serves no cards and names none in its pages.
    /// </summary>
    public string Fonts { get; set; } = "/usr/share/fonts;/usr/local/share/fonts";
}
