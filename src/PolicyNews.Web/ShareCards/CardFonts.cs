using Microsoft.Extensions.Options;
using SkiaSharp;

namespace PolicyNews.Web.ShareCards;

/// <summary>
/// The typefaces the share cards are drawn with: one that has Traditional characters and one that has
/// Simplified ones (a Noto CJK collection holds both, as its TC and SC faces), found once at start
/// from <see cref="ShareCardSettings.Fonts"/>. A machine without a CJK font (the runtime image before
/// fonts-noto-cjk, a bare <c>dotnet run</c>) has none: <see cref="Available"/> is false and no card is made.
/// </summary>
public sealed class CardFonts : IDisposable
{
    // Characters a face must draw to be used: common to both scripts, Traditional only, Simplified only.
    const string Common = "中國政策新聞";
    const string TraditionalOnly = "與體這";
    const string SimplifiedOnly = "与体这";

    readonly List<SKTypeface> loaded = [];

    public CardFonts(IOptions<ShareCardSettings> settings, ILogger<CardFonts> log)
    {
        foreach (var file in Candidates(settings.Value.Fonts))
        {
            Traditional ??= Face(file, TraditionalOnly, "TC");
            Simplified ??= Face(file, SimplifiedOnly, "SC");
            if (Available)
                break;
        }
        if (Available)
            log.LogInformation("Share cards: drawn with {Traditional} and {Simplified}", Traditional!.FamilyName, Simplified!.FamilyName);
        else
            log.LogWarning("Share cards: no CJK font in {Fonts} (ShareCards:Fonts); pages name no og:image", settings.Value.Fonts);
    }

    public SKTypeface? Traditional { get; private set; }
    public SKTypeface? Simplified { get; private set; }
    public bool Available => Traditional is not null && Simplified is not null;

    /// <summary>The absolute URL of an article's card in a script, for og:image; null when no card can be made.</summary>
    public string? Url(SiteOrigin origin, string articleSlug, Script script) =>
        Available ? Links.Absolute(origin, Links.ShareCard(articleSlug, script)) : null;

    /// <summary>Font files under the configured paths, the likeliest first: CJK in the name, then serif and bold (the site's headings).</summary>
    static IEnumerable<string> Candidates(string paths) =>
        paths.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(path => File.Exists(path) ? [path] : Directory.Exists(path) ? FontFilesIn(path) : [])
            .OrderByDescending(file => Score(Path.GetFileName(file)))
            .ThenBy(file => file, StringComparer.Ordinal);

    static IEnumerable<string> FontFilesIn(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".ttc" or ".otc" or ".otf" or ".ttf")
                .ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }

    static int Score(string name) =>
        (name.Contains("CJK", StringComparison.OrdinalIgnoreCase) ? 4 : 0)
        + (name.Contains("Serif", StringComparison.OrdinalIgnoreCase) ? 2 : 0)
        + (name.Contains("Bold", StringComparison.OrdinalIgnoreCase) ? 1 : 0);

    /// <summary>The face of <paramref name="file"/> (a collection has several) that draws every needed character, the one named for the script if there is one.</summary>
    SKTypeface? Face(string file, string scriptOnly, string regionSuffix)
    {
        SKTypeface? chosen = null;
        for (var index = 0; index < 32; index++)
        {
            var face = SKTypeface.FromFile(file, index);
            if (face is null)
                break;
            using var font = new SKFont(face);
            if (!font.ContainsGlyphs(Common + scriptOnly))
            {
                face.Dispose();
                continue;
            }
            if (chosen is null || (face.FamilyName.EndsWith(regionSuffix, StringComparison.Ordinal) && !chosen.FamilyName.EndsWith(regionSuffix, StringComparison.Ordinal)))
            {
                chosen?.Dispose();
                chosen = face;
            }
            else
                face.Dispose();
        }
        if (chosen is not null)
            loaded.Add(chosen);
        return chosen;
    }

    public void Dispose()
    {
        foreach (var face in loaded)
            face.Dispose();
    }
}
