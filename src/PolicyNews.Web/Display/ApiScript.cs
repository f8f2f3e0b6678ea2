using PolicyNews.Archive.Text;

namespace PolicyNews.Web.Display;

/// <summary>
/// The script a JSON or CSV answer is written in, from its URL alone: <c>?script=hant</c> (the default,
/// the archive's own Traditional text) or <c>?script=hans</c> (Simplified, converted by the same
/// tables as the pages). Unlike a page, an answer never follows the reader's cookie: a program's
/// URL names all it gets, and the output cache (keyed by the query as sent) keeps each script apart.
/// Everything a page would show in Simplified is converted — titles, text, headings, tag names,
/// snippets, labels — and marks at offsets (repairs, pinyin, search matches) are carried over to the
/// converted text. Keys and ids (slugs, filter values, enum words) and a repair's damaged original stay as they are.
/// </summary>
public sealed record ApiScript(Script Script)
{
    public static readonly ApiScript Traditional = new(Script.Traditional);

    /// <summary>The value of <c>script</c> in URLs: hant or hans.</summary>
    public string Name => DisplayPreferences.ScriptName(Script);

    /// <summary>The BCP 47 tag of the answer's text (Content-Language, the JSON's <c>lang</c>).</summary>
    public string Lang => Script == Script.Simplified ? "zh-Hans" : "zh-Hant";

    /// <summary>The script the query asks for, or what is wrong with it. Absent or empty means Traditional.</summary>
    public static (ApiScript? Script, string? Problem) Read(IQueryCollection query)
    {
        var value = query[DisplayPreferences.ScriptKey];
        if (string.IsNullOrEmpty(value))
            return (Traditional, null);
        return value.Count == 1 && DisplayPreferences.ParseScript(value) is { } script
            ? (new ApiScript(script), null)
            : (null, "script must be 'hant' (Traditional, the archive's own text) or 'hans' (Simplified)");
    }

    /// <summary>
    /// Minimal API binding: the script the query asks for. A value it cannot read binds as Traditional;
    /// the endpoint's <see cref="ApiScriptEndpoints.InEitherScript"/> filter has answered 400 before the handler runs.
    /// </summary>
    public static ValueTask<ApiScript?> BindAsync(HttpContext context) => ValueTask.FromResult<ApiScript?>(Read(context.Request.Query).Script ?? Traditional);

    /// <summary>Archive or interface text (stored in Traditional) in this script.</summary>
    public string? Text(string? traditional) => traditional is null ? null : DisplayPreferences.In(Script, traditional);

    /// <summary>A link to another API answer, in this script.</summary>
    public string Link(string path) => Script == Script.Traditional ? path : Links.InScript(path, Script);

    public IEnumerable<TagRef> Tags(IEnumerable<TagRef> tags) => tags.Select(t => t with { Name = Text(t.Name)! });

    public SectionLink Section(SectionLink section) => section with { Heading = Text(section.Heading) };

    public ArticleRef Article(ArticleRef article) => article with
    {
        Title = Text(article.Title)!, Source = Text(article.Source), Author = Text(article.Author),
    };

    /// <summary>
    /// A paragraph or heading with its marks in this script: the text converted as a whole (so each word
    /// chooses its characters), each repair and annotation moved to where its characters went. A repair's
    /// replacement and an annotation's character become what stands there now; a repair's original (the
    /// damaged source) is evidence and stays as it was.
    /// </summary>
    public (string Text, TextMarks Marks) Marked(string text, TextMarks marks)
    {
        if (Script == Script.Traditional)
            return (text, marks);
        var converted = DisplayPreferences.Converted(Script, text);
        var repairs = marks.Repairs.Select(r =>
        {
            var (start, end) = converted.Span(r.Offset, r.Offset + r.Length);
            return r with { Offset = start, Length = end - start, Replacement = converted.Text[start..end] };
        }).ToList();
        var annotations = marks.Annotations.Select(a =>
        {
            var (start, end) = converted.Span(a.Offset, a.Offset + a.Character.Length);
            return a with { Offset = start, Character = converted.Text[start..end] };
        }).ToList();
        return (converted.Text, new TextMarks(annotations, repairs));
    }

    /// <summary>Snippet segments in this script, converted as one text (<see cref="DisplayPreferences.Segments"/>).</summary>
    public IReadOnlyList<SnippetSegment> Segments(IReadOnlyList<SnippetSegment> segments) => DisplayPreferences.Segments(Script, segments);
}
