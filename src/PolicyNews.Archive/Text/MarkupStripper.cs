using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace PolicyNews.Archive.Text;

/// <summary>
/// Markup, in two places. An HTML document becomes lines of text, one per block element
/// (AngleSharp parses it the way a browser would). Remnants in plain text — a stray <c>&lt;/p&gt;</c>,
/// an entity — are removed line by line; that runs after the mojibake repair because a run can
/// swallow the '&lt;' of a tag, which only the repair gives back. Each use makes its own
/// AngleSharp parser: a parser is not safe to share between threads, and the pipeline is shared.
/// </summary>
public static partial class MarkupStripper
{
    public static bool LooksLikeHtmlDocument(string text) => HtmlDocumentStart().IsMatch(text);

    public static string HtmlToText(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.QuerySelectorAll("script, style, noscript, template")) element.Remove();
        var lines = document.Body?.QuerySelectorAll("p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, div:not(:has(p, div, li, h1, h2, h3, h4, h5, h6))")
            .Select(e => Whitespace().Replace(e.TextContent, " ").Trim())
            .Where(t => t.Length > 0)
            .ToList() ?? [];
        return lines.Count > 0 ? string.Join('\n', lines) : document.Body?.TextContent ?? "";
    }

    public static (LineText Line, int Removed) StripRemnants(LineText line)
    {
        var edits = new TextEdits(line.Text);
        var removed = 0;
        foreach (Match m in Remnant().Matches(line.Text))
        {
            var replacement = m.Value.StartsWith('&') ? DecodeEntity(m.Value) : "";
            if (replacement == m.Value) continue;
            edits.Replace(m.Index, m.Length, replacement);
            removed++;
        }
        return (edits.IsEmpty ? line : line.With(edits), removed);
    }

    private static string DecodeEntity(string entity)
    {
        var parser = new HtmlParser();
        return parser.ParseFragment(entity, parser.ParseDocument("").Body!).FirstOrDefault()?.TextContent ?? entity;
    }

    // A tag by its shape; a closing tag the damage cut off at the end of a line ("</p"); an entity.
    [GeneratedRegex(@"</?[a-zA-Z][a-zA-Z0-9]{0,9}(\s[^<>]{0,200})?/?>|</[a-zA-Z][a-zA-Z0-9]{0,9}\s*$|&(#\d{1,6}|#x[0-9a-fA-F]{1,5}|[a-zA-Z]{2,8});")]
    private static partial Regex Remnant();

    [GeneratedRegex(@"^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<p[\s>])", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlDocumentStart();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
