using PolicyNews.Archive.Chinese;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;
using PolicyNews.Archive.Text;

namespace PolicyNews.Web.Display;

/// <summary>
/// Renders a paragraph's text as HTML: repaired spans wrapped so readers can tell them from source
/// text (with what the source held), search matches in <c>&lt;mark&gt;</c>, the source's pinyin as
/// <c>&lt;ruby&gt;</c> when the reader asked for it, all in the reader's script. Offsets in the store
/// are UTF-16 offsets into the Traditional text: the text is converted whole (so a mark that cuts a
/// word does not change how the word converts) and cut where its marks' offsets went
/// (<see cref="DisplayPreferences.Converted"/>).
/// </summary>
public static class ParagraphHtml
{
    // Chinese text stays readable (and small) in the page: only HTML-significant characters are escaped.
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static IHtmlContent Render(ParagraphView paragraph, DisplayPreferences display, SearchQuery? highlight = null) =>
        Render(paragraph.Text, paragraph.Marks, display, highlight);

    /// <summary>A section heading (the lead's stand-in title when it has none), with its own pinyin and repairs.</summary>
    public static IHtmlContent Heading(SectionView section, DisplayPreferences display) =>
        section.Heading is null
            ? new HtmlString(Encoder.Encode(display.Text(SectionTitles.Of(section.Link))))
            : Render(section.Heading, section.HeadingMarks, display);

    static IHtmlContent Render(string text, TextMarks marks, DisplayPreferences display, SearchQuery? highlight = null)
    {
        IReadOnlyList<TextSpan> matches = highlight is null ? [] : SearchHighlighter.Find(text, highlight).Spans;
        var annotations = display.Pinyin
            ? marks.Annotations.Where(a => a.Offset >= 0 && a.Offset < text.Length).DistinctBy(a => a.Offset).ToDictionary(a => a.Offset)
            : [];

        // Cut the text wherever a repair or a search match starts or ends; each piece is then uniform.
        var cuts = new SortedSet<int> { 0, text.Length };
        foreach (var r in marks.Repairs.Where(r => r.Offset >= 0 && r.Offset + r.Length <= text.Length))
        {
            cuts.Add(r.Offset);
            cuts.Add(r.Offset + r.Length);
        }
        foreach (var match in matches)
        {
            cuts.Add(match.Start);
            cuts.Add(match.End);
        }

        var shown = DisplayPreferences.Converted(display.Script, text);
        var html = new StringBuilder(text.Length * 2);
        var bounds = cuts.ToList();
        for (var i = 0; i + 1 < bounds.Count; i++)
        {
            int start = bounds[i], end = bounds[i + 1];
            var repair = marks.Repairs.FirstOrDefault(r => r.Offset <= start && end <= r.Offset + r.Length && r.Length > 0);
            var marked = matches.Any(m => m.Start <= start && end <= m.End);

            if (repair is not null)
                html.Append("<span class=\"repair repair-").Append(EnumWords.Of(repair.Confidence))
                    .Append("\" title=\"").Append(Encoder.Encode(RepairTitle(repair, display))).Append("\">");
            if (marked)
                html.Append("<mark>");
            AppendText(html, text, shown, start, end, annotations);
            if (marked)
                html.Append("</mark>");
            if (repair is not null)
                html.Append("</span>");
        }
        return new HtmlString(html.ToString());
    }

    /// <summary>
    /// Search snippets and headings: text segments, the matched ones in &lt;mark&gt;. Built as one
    /// string because whitespace between inline elements would show as spaces in Chinese text.
    /// </summary>
    public static IHtmlContent Segments(IEnumerable<SnippetSegment> segments, DisplayPreferences display)
    {
        var html = new StringBuilder();
        foreach (var segment in DisplayPreferences.Segments(display.Script, segments.ToList()))
        {
            var text = Encoder.Encode(segment.Text);
            html.Append(segment.IsMatch ? $"<mark>{text}</mark>" : text);
        }
        return new HtmlString(html.ToString());
    }

    /// <summary>
    /// What a repaired span's tooltip says: how sure the repair is, in the reader's script, and the
    /// damaged source exactly as it was (converting it would alter the evidence).
    /// </summary>
    public static string RepairTitle(Repair repair, DisplayPreferences display) =>
        display.Text($"修復（{RepairDetail(repair, partial: "部分")}）。原文：") + repair.Original;

    /// <summary>
    /// How sure a repair is and what it lost, e.g. "確定" or "部分修復，遺失 2 個位元組": the repair
    /// notes under a section say it so; the tooltip, which starts with 修復 already, says just "部分".
    /// </summary>
    public static string RepairDetail(Repair repair, string partial = "部分修復") =>
        (repair.Confidence == RepairConfidence.Certain ? "確定" : partial)
        + (repair.LostBytes > 0 ? $"，遺失 {repair.LostBytes} 個位元組" : "");

    /// <summary>Traditional text[start..end] as shown (<paramref name="shown"/>), with the annotated characters as ruby.</summary>
    static void AppendText(StringBuilder html, string text, ConvertedText shown, int start, int end,
        IReadOnlyDictionary<int, ReadingAnnotation> annotations)
    {
        var run = start;
        for (var i = start; i < end; i++)
        {
            if (!annotations.TryGetValue(i, out var annotation))
                continue;
            var length = char.IsHighSurrogate(text[i]) && i + 1 < end ? 2 : 1;
            html.Append(Encoder.Encode(shown.Substring(run, i)));
            html.Append("<ruby>").Append(Encoder.Encode(shown.Substring(i, i + length)))
                .Append("<rp>(</rp><rt>").Append(Encoder.Encode(annotation.Reading)).Append("</rt><rp>)</rp></ruby>");
            i += length - 1;
            run = i + 1;
        }
        html.Append(Encoder.Encode(shown.Substring(run, end)));
    }
}
