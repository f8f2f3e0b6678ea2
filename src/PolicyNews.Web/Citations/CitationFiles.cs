using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PolicyNews.Web.Citations;

/// <summary>A reference file format a reference manager imports: its extension, media type and writer.</summary>
public sealed record CitationFormat(string Name, string Extension, string FileSuffix, string ContentType, Func<CitedWork, string> Write)
{
    public static readonly CitationFormat BibTeX = new("BibTeX", "bib", ".bib", "application/x-bibtex; charset=utf-8", CitationFiles.BibTeX);
    public static readonly CitationFormat Ris = new("RIS", "ris", ".ris", "application/x-research-info-systems; charset=utf-8", CitationFiles.Ris);
    public static readonly CitationFormat CslJson = new("CSL-JSON", "json", ".csl.json", "application/vnd.citationstyles.csl+json; charset=utf-8", CitationFiles.CslJson);

    public static readonly IReadOnlyList<CitationFormat> All = [BibTeX, Ris, CslJson];

    public static CitationFormat? Of(string extension) => All.FirstOrDefault(f => f.Extension == extension);
}

/// <summary>
/// One reference as BibTeX, RIS or CSL-JSON, UTF-8 (every current reference manager reads it; Chinese
/// is never transliterated). A news article in each format's own terms: biblatex's <c>@article</c>
/// with <c>entrysubtype = {newspaper}</c>, RIS <c>TY  - NEWS</c>, CSL <c>article-newspaper</c>. An author
/// is one literal name: Chinese names are family name first without a space, and must not be split.
/// </summary>
public static partial class CitationFiles
{
    public static string BibTeX(CitedWork work)
    {
        var fields = new List<(string Name, string Value)>
        {
            ("entrysubtype", "newspaper"),
            ("title", Braced(work.Title)),
        };
        if (work.Author is not null)
            fields.Add(("author", "{" + Braced(work.Author) + "}"));   // double braces: one name, never split
        if (work.Publication is not null)
        {
            fields.Add(("journaltitle", Braced(work.Publication)));   // biblatex's name
            fields.Add(("journal", Braced(work.Publication)));        // BibTeX's (biblatex reads it as an alias)
        }
        if (work.Date is { } date)
        {
            fields.Add(("date", work.Published!));
            fields.Add(("year", $"{date.Year}"));
            if (date.Month is { } month)
                fields.Add(("month", $"{month}"));
        }
        fields.Add(("url", work.Url));
        fields.Add(("urldate", $"{work.Accessed:yyyy-MM-dd}"));
        fields.Add(("langid", work.Language));

        // biblatex's @article needs its journal; a work without one is cited as what it is here, an online text.
        var sb = new StringBuilder($"@{(work.Publication is null ? "online" : "article")}{{{work.Id},\n");
        sb.AppendJoin(",\n", fields.Select(f => $"  {f.Name} = {{{f.Value}}}"));
        return sb.Append("\n}\n").ToString();
    }

    /// <summary>BibTeX's special characters escaped; braces kept balanced so a title cannot end its field.</summary>
    static string Braced(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            sb.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '{' or '}' or '%' or '&' or '#' or '$' or '_' => $"\\{c}",
                '~' => @"\textasciitilde{}",
                '^' => @"\textasciicircum{}",
                _ => c.ToString(),
            });
        return sb.ToString();
    }

    /// <summary>
    /// RIS (tag, two spaces, hyphen, space, value; CRLF; ends with ER). RIS has no escapes: a value is
    /// kept to one line with its runs of spaces collapsed, so nothing in it can read as a tag.
    /// </summary>
    public static string Ris(CitedWork work)
    {
        var lines = new List<(string Tag, string? Value)>
        {
            ("TY", "NEWS"),
            ("TI", work.Title),
            ("AU", work.Author),
            ("T2", work.Publication),
            ("PY", work.Date?.Year.ToString("0000")),
            ("DA", work.Date is { } d ? $"{d.Year:0000}/{d.Month:00}/{d.Day:00}/" : null),
            ("UR", work.Url),
            ("Y2", $"{work.Accessed:yyyy/MM/dd}"),
            ("LA", work.Language),
            ("DB", "PolicyNews"),
            ("ID", work.Id),
            ("ER", ""),
        };
        return string.Concat(lines.Where(l => l.Value is not null).Select(l => $"{l.Tag}  - {OneLine(l.Value!)}\r\n"));
    }

    static string OneLine(string text) => Whitespace().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,   // a file, not HTML: Chinese as itself
    };

    /// <summary>CSL-JSON: a list of one item, the input citeproc processors and Zotero read.</summary>
    public static string CslJson(CitedWork work)
    {
        var item = new Dictionary<string, object?>
        {
            ["id"] = work.Id,
            ["type"] = "article-newspaper",
            ["title"] = work.Title,
            ["author"] = work.Author is null ? null : new[] { new { literal = work.Author } },
            ["container-title"] = work.Publication,
            ["issued"] = work.Date is { } d ? DateParts(d.Year, d.Month, d.Day) : null,
            ["accessed"] = DateParts(work.Accessed.Year, work.Accessed.Month, work.Accessed.Day),
            ["URL"] = work.Url,
            ["language"] = work.Language,
            ["archive"] = "PolicyNews",
        };
        return JsonSerializer.Serialize(new[] { item.Where(p => p.Value is not null).ToDictionary() }, Json) + "\n";   // what is unknown is left out
    }

    /// <summary>A CSL date: <c>{"date-parts": [[2025, 3]]}</c>, as precise as known.</summary>
    static Dictionary<string, int[][]> DateParts(params int?[] parts) =>
        new() { ["date-parts"] = [parts.TakeWhile(p => p is not null).Select(p => p!.Value).ToArray()] };
}
