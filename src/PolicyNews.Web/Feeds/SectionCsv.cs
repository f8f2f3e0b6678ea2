using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using CsvHelper;

namespace PolicyNews.Web.Feeds;

/// <summary>
/// Sections as CSV (RFC 4180, written by CsvHelper), one row per section: its article, ids, heading,
/// page and permalink, date, tags and whole text, in the archive's own script or in Simplified
/// (<see cref="ApiScript"/>: the text only, a CSV has no offsets). UTF-8 with a byte
/// order mark, which is how Excel knows the file is UTF-8 and shows the Chinese. Rows are written as
/// the store reads them: a CSV of the whole archive never sits in memory.
/// </summary>
public static class SectionCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The columns, in order.</summary>
    public static readonly string[] Columns =
        ["article_slug", "article_title", "section_id", "heading", "page", "permalink", "date", "tags", "text"];

    /// <summary>
    /// A download named <paramref name="fileName"/> whose rows come from <paramref name="read"/>, which
    /// hands each section to the callback it is given as it reads it.
    /// </summary>
    public static IResult Result(string fileName, SiteOrigin origin, ApiScript script, Action<Action<SectionTextView>> read) =>
        Results.Stream(body => Write(body, origin, script, read), ContentType, fileName);

    /// <summary>Every section of <paramref name="scope"/> as a download, streamed from the store.</summary>
    public static IResult Stream(string fileName, SectionTextStore sections, SectionScope scope, SiteOrigin origin, ApiScript script,
        CancellationToken aborted) =>
        Result(fileName, origin, script, row => sections.ForEach(scope, row, aborted));

    /// <summary>
    /// The store reads synchronously (SQLite) while the response is written asynchronously: the read
    /// runs on its own task and writes through a pipe, which holds it back while the client is slower
    /// (at most a megabyte waits), and the response copies from the pipe.
    /// </summary>
    static async Task Write(Stream body, SiteOrigin origin, ApiScript script, Action<Action<SectionTextView>> read)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        var producing = Task.Run(() =>
        {
            // The pipe is completed here, not by disposing the writers: a read that fails must reach
            // the response as a failure (an aborted download), never as a CSV that merely ends early.
            var text = new StreamWriter(pipe.Writer.AsStream(leaveOpen: true), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
            try
            {
                foreach (var column in Columns)
                    csv.WriteField(column);
                csv.NextRecord();
                read(section =>
                {
                    foreach (var field in Fields(section, origin, script))
                        csv.WriteField(field);
                    csv.NextRecord();
                });
                csv.Flush();
                text.Flush();
                pipe.Writer.Complete();
            }
            catch (Exception ex)
            {
                pipe.Writer.Complete(ex);
            }
        });
        try
        {
            await pipe.Reader.CopyToAsync(body);
        }
        finally
        {
            // A client gone stops the read through the request's token; this frees a read held back by the pipe.
            await pipe.Reader.CompleteAsync();
            await producing;
        }
    }

    static IEnumerable<string> Fields(SectionTextView s, SiteOrigin origin, ApiScript script) =>
    [
        s.Article.Slug,
        script.Text(s.Article.Title)!,
        s.Section.StableId,
        script.Text(SectionTitles.Of(s.Section))!,
        Links.Absolute(origin, Links.Section(s.Article.Slug, s.Section.Slug)),
        Links.AbsolutePermalink(origin, s.Section.StableId),
        s.Article.Published ?? "",
        script.Text(string.Join("; ", s.Tags.Select(t => t.Name)))!,
        script.Text(s.PlainText)!,
    ];
}
