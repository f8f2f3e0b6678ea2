using Markdig;
using Markdig.Syntax;
using Microsoft.AspNetCore.Html;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.Pages.About;

/// <summary>
/// /about and /help: Markdown files from docs/ rendered with Markdig. Only names in
/// <see cref="Pages"/> are served, so no request can read another file.
/// </summary>
public sealed class DocModel(SiteFolders folders, DisplayPreferences display) : PageModel
{
    static readonly IReadOnlyDictionary<string, (string File, string Link)> Pages = new Dictionary<string, (string, string)>
    {
        ["about"] = ("about.md", Links.About),
        ["help"] = ("help.md", Links.Help),
    };

    // Raw HTML in the Markdown is escaped, not passed through: the docs are text, and the CSP forbids inline anything.
    static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();

    public string Title { get; private set; } = "";
    public string Canonical { get; private set; } = "";
    /// <summary>The document's first paragraph as plain text: its meta description.</summary>
    public string? Description { get; private set; }
    public IHtmlContent Body { get; private set; } = HtmlString.Empty;

    public IActionResult OnGet(string doc)
    {
        if (!Pages.TryGetValue(doc, out var page) || !System.IO.File.Exists(Path.Combine(folders.Docs, page.File)))
            return NotFound();
        Canonical = page.Link;
        var markdown = System.IO.File.ReadAllText(Path.Combine(folders.Docs, page.File));
        var parsed = Markdig.Markdown.Parse(markdown, Markdown);
        Title = parsed.Descendants<Markdig.Syntax.HeadingBlock>().FirstOrDefault()?.Inline?.FirstChild?.ToString() ?? doc;
        Description = parsed.Descendants<ParagraphBlock>().FirstOrDefault() is { } first
            ? Excerpts.Shorten(Markdig.Markdown.ToPlainText(markdown.Substring(first.Span.Start, first.Span.Length), Markdown).Trim(), 160)
            : null;
        Body = new HtmlString(DocHtml.InScript(parsed.ToHtml(Markdown), display));
        return Page();
    }
}
