using System.Text.RegularExpressions;
using SkiaSharp;

namespace PolicyNews.Web.ShareCards;

/// <summary>
/// An article's share card, the og:image link previews show: its title on the site's plain paper
/// background with the accent rule, the source and date below, the site's name at the foot.
/// 1200×630 PNG, the size Facebook, LinkedIn and X ask for. Drawn with SkiaSharp.
/// </summary>
public static partial class ShareCard
{
    public const int Width = 1200, Height = 630;
    const float Margin = 84;
    static readonly SKColor Paper = SKColor.Parse("#fbfaf7"), Ink = SKColor.Parse("#1f1f1f"),
        Muted = SKColor.Parse("#5c5c5c"), Accent = SKColor.Parse("#8a2b1d");

    // Kinsoku: marks that may not begin a line, and those that may not end one.
    const string NoLineStart = "，。、；：？！」』）》〉】…—·．,.;:?!)";
    const string NoLineEnd = "「『（《〈【(";

    /// <param name="title">In the script the card is for; <paramref name="byline"/> (source · date, or null) and <paramref name="site"/> likewise.</param>
    public static byte[] Png(SKTypeface face, string title, string? byline, string site)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("SkiaSharp could not create a raster surface");
        var canvas = surface.Canvas;
        canvas.Clear(Paper);
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var accent = new SKPaint { Color = Accent, IsAntialias = true };
        using var muted = new SKPaint { Color = Muted, IsAntialias = true };

        canvas.DrawRect(Margin, Margin - 24, 96, 8, accent);

        // The largest size at which the title fits in four lines (down to 44 px, then cut with an ellipsis).
        var textWidth = Width - 2 * Margin;
        var (size, lines) = new[] { 68f, 60f, 52f, 44f }
            .Select(s => (s, Lines(title, new SKFont(face, s), textWidth)))
            .FirstOrDefault(x => x.Item2.Count <= 4, (44f, Lines(title, new SKFont(face, 44f), textWidth)));
        using var titleFont = new SKFont(face, size) { Subpixel = true };
        if (lines.Count > 4)
            lines = [.. lines.Take(3), lines[3][..^1] + "…"];
        var y = Margin + 40 + size;
        foreach (var line in lines)
        {
            canvas.DrawText(line, Margin, y, SKTextAlign.Left, titleFont, ink);
            y += size * 1.35f;
        }

        using var small = new SKFont(face, 30) { Subpixel = true };
        if (byline is not null)
            canvas.DrawText(byline, Margin, Math.Min(y + 24, Height - Margin - 70), SKTextAlign.Left, small, muted);
        canvas.DrawRect(Margin, Height - Margin - 36, Width - 2 * Margin, 2, muted);
        canvas.DrawText(site, Margin, Height - Margin + 4, SKTextAlign.Left, small, accent);

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Greedy line breaking by characters (Chinese breaks anywhere), keeping closing marks off a line's start and opening marks off its end.</summary>
    static List<string> Lines(string text, SKFont font, float width)
    {
        using (font)
        {
            var lines = new List<string>();
            var line = "";
            foreach (var element in Words().Matches(text).Select(m => m.Value))
            {
                var wider = line + element;
                if (line.Length > 0 && font.MeasureText(wider) > width && !NoLineStart.Contains(element))
                {
                    var carry = "";
                    while (line.Length > 1 && NoLineEnd.Contains(line[^1]))
                    {
                        carry = line[^1] + carry;
                        line = line[..^1];
                    }
                    lines.Add(line);
                    line = carry + element;
                }
                else
                    line = wider;
            }
            if (line.Length > 0)
                lines.Add(line);
            return lines;
        }
    }

    /// <summary>What a line may not be broken inside: a Latin word or number (DeepSeek, 2025), a surrogate pair, else one character.</summary>
    [GeneratedRegex(@"[A-Za-z0-9]+|[\uD800-\uDBFF][\uDC00-\uDFFF]|.", RegexOptions.Singleline)]
    private static partial Regex Words();
}
