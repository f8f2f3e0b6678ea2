using PolicyNews.Archive.Chinese;

namespace PolicyNews.Web.Display;

public enum Script { Traditional, Simplified }

/// <summary>
/// How this visitor reads: in which script, and with or without the source's pinyin. Chosen by
/// query parameter (<c>?script=hans|hant</c>, <c>?pinyin=on|off</c>) so a choice can be linked,
/// and remembered in a cookie so it survives navigation. The archive stores Traditional text; the
/// Simplified view is converted by words, then characters (<see cref="ScriptConverter"/>). The JSON
/// API and CSV exports take their script from the URL alone (<see cref="ApiScript"/>).
/// </summary>
public sealed class DisplayPreferences
{
    public const string ScriptKey = "script";
    public const string PinyinKey = "pinyin";
    static readonly TimeSpan Remembered = TimeSpan.FromDays(365);

    public Script Script { get; private set; } = Script.Traditional;
    public bool Pinyin { get; private set; }
    bool resolved;

    /// <summary>The BCP 47 tag for <c>lang</c> attributes.</summary>
    public string Lang => Script == Script.Simplified ? "zh-Hans" : "zh-Hant";

    /// <summary>Archive (or interface) text, written in Traditional, in the reader's script.</summary>
    public string Text(string? traditional) => In(Script, traditional);

    /// <summary>Archive text in a given script, for what names its script in the URL rather than the reader's choice (share cards).</summary>
    public static string In(Script script, string? traditional) =>
        traditional is null ? "" : script == Script.Simplified ? ScriptConverter.ToSimplified(traditional) : traditional;

    /// <summary>
    /// Archive text in a given script with a map from its positions to the converted text's, for text
    /// that carries marks at offsets (repairs, pinyin, search matches): converting the whole and
    /// cutting it where the marks fall lets every word choose its characters, as in unmarked text
    /// (顯著 stays 显著 when a match marks just its 著; converted alone, 著 would read 着).
    /// </summary>
    public static ConvertedText Converted(Script script, string traditional) =>
        script == Script.Simplified ? ScriptConverter.ToSimplifiedWithOffsets(traditional) : ConvertedText.Unchanged(traditional);

    /// <summary>
    /// Search snippet or heading segments in a given script: their text converted as one and cut
    /// again where the segments met; where two meet inside a word that changed length, the match
    /// takes the whole word.
    /// </summary>
    public static IReadOnlyList<SnippetSegment> Segments(Script script, IReadOnlyList<SnippetSegment> segments)
    {
        if (script == Script.Traditional)
            return segments;
        var converted = Converted(script, string.Concat(segments.Select(s => s.Text)));
        var result = new List<SnippetSegment>(segments.Count);
        int from = 0, at = 0;
        for (var k = 0; k < segments.Count; k++)
        {
            var end = at + segments[k].Text.Length;
            var to = k + 1 == segments.Count ? converted.Text.Length
                : segments[k].IsMatch && end > at ? converted.Span(at, end).End
                : converted.Span(end, end).Start;
            to = Math.Max(from, to);
            result.Add(segments[k] with { Text = converted.Text[from..to] });
            from = to;
            at = end;
        }
        return result;
    }

    /// <summary>The script's name in URLs and cookies: hant or hans.</summary>
    public static string ScriptName(Script script) => script == Script.Simplified ? "hans" : "hant";

    /// <summary>
    /// The <c>lang</c> for text shown as it was typed (a query, an example to type) when its script is
    /// not the page's: zh-Hant on a Simplified page for text with Traditional characters, zh-Hans on a
    /// Traditional page for text with Simplified ones; null when the page's own tag is true of it.
    /// </summary>
    public string? LangOf(string? asTyped)
    {
        if (string.IsNullOrEmpty(asTyped))
            return null;
        if (Script == Script.Simplified)
            return ScriptConverter.ToSimplified(asTyped) != asTyped ? "zh-Hant" : null;
        return ScriptConverter.ToTraditional(asTyped) != asTyped ? "zh-Hans" : null;
    }

    /// <summary>Reads the choice from the query or the cookies; a choice made in the query is remembered.</summary>
    public void Resolve(HttpContext context)
    {
        // An error page re-executes the pipeline with its own path and no query: keep the choice
        // read from the reader's own request (?script=hans on a missing page still reads Simplified).
        if (resolved)
            return;
        resolved = true;
        var request = context.Request;
        var script = ParseScript(request.Query[ScriptKey]);
        var pinyin = ParseSwitch(request.Query[PinyinKey]);
        // The API's ?script= names the script of that one answer (ApiScript): a program's request
        // changes no reader's pages, and an answer that set a cookie could not be cached.
        var remember = !request.Path.StartsWithSegments("/api");
        if (script is not null && remember)
            Remember(context, ScriptKey, ScriptName(script.Value));
        if (pinyin is not null && remember)
            Remember(context, PinyinKey, pinyin.Value ? "on" : "off");

        Script = script ?? ParseScript(request.Cookies[ScriptKey]) ?? Script.Traditional;
        Pinyin = pinyin ?? ParseSwitch(request.Cookies[PinyinKey]) ?? false;
    }

    /// <summary>A script's name as URLs and cookies give it (hans, hant, or their long forms), or null.</summary>
    public static Script? ParseScript(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "hans" or "zh-hans" or "simplified" => Script.Simplified,
        "hant" or "zh-hant" or "traditional" => Script.Traditional,
        _ => null,
    };

    static bool? ParseSwitch(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "on" or "1" or "true" => true,
        "off" or "0" or "false" => false,
        _ => null,
    };

    static void Remember(HttpContext context, string key, string value) =>
        context.Response.Cookies.Append(key, value, new CookieOptions
        {
            MaxAge = Remembered,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
            IsEssential = true,   // a display preference, no tracking
        });
}

public static class DisplayPreferencesMiddleware
{
    public static IApplicationBuilder UseDisplayPreferences(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.RequestServices.GetRequiredService<DisplayPreferences>().Resolve(context);
        return next(context);
    });
}
