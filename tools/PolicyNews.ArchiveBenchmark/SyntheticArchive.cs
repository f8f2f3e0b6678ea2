using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Text;

namespace PolicyNews.Benchmarks;

/// <summary>
/// A seeded, reproducible archive of clean source files that the real importer reads: the seed
/// articles' sentences and headings recombined into <c>bench-NNNNNN.txt</c> files, with an
/// <c>articles.json</c> (title, source, date, author) and the seeds' <c>tags.json</c> beside them,
/// so tags match as they do on the seeds. The same seed and size always give the same bytes.
/// Shared by the archive benchmark and the search benchmark.
/// </summary>
public sealed class SyntheticArchive
{
    static readonly string[] Sources = ["新華社", "人民日報", "中國科學報", "人民論壇", "經濟日報", "光明日報", "科技日報", "國務院辦公廳"];
    static readonly string[] Authors = ["趙廣立", "李明", "王芳", "陳靜", "張偉", "劉洋"];

    public IReadOnlyList<string> Sentences { get; }
    public IReadOnlyList<string> Headings { get; }
    readonly string seedFolder;

    SyntheticArchive(string seedFolder, List<string> sentences, List<string> headings)
    {
        this.seedFolder = seedFolder;
        Sentences = sentences;
        Headings = headings;
    }

    /// <summary>Cleans the seed files once (through the real pipeline) and keeps their sentences and headings.</summary>
    public static SyntheticArchive FromSeeds(string seedFolder)
    {
        var pipeline = ArticlePipeline.Create();
        var sentences = new List<string>();
        var headings = new List<string>();
        foreach (var path in Directory.EnumerateFiles(seedFolder, "*.txt").Order(StringComparer.Ordinal))
        {
            var document = pipeline.Clean(File.ReadAllBytes(path), Path.GetFileName(path)).Document;
            foreach (var section in document.Sections)
            {
                if (section.Heading is { } heading)
                    headings.Add(heading);
                // A sentence the importer would read as a heading on its own (short, ending in ？ or
                // ！, no comma) is left out: a paragraph made of such sentences would become a
                // section the generator did not count. Any other sentence keeps its paragraph a paragraph.
                foreach (var block in section.Blocks)
                    sentences.AddRange(SplitSentences(block.Text).Where(s => s.Length >= 8 && !s.Contains('□') && !s.Contains('\uFFFD')
                        && !Structurer.IsHeading(s, isFirstLine: false)));
            }
        }
        return new SyntheticArchive(seedFolder, sentences.Distinct().ToList(), headings.Distinct().ToList());
    }

    /// <summary>
    /// Writes <paramref name="articles"/> articles into <paramref name="folder"/> (emptied first):
    /// each a lead and 0–4 headed sections of 1–4 paragraphs of 1–4 sentences. Returns the number of sections written.
    /// </summary>
    public int Write(string folder, int articles, int seed)
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var metadata = new SortedDictionary<string, object>(StringComparer.Ordinal);
        var sections = 0;
        var text = new StringBuilder();
        for (var a = 0; a < articles; a++)
        {
            text.Clear();
            var name = $"bench-{a:000000}.txt";
            var headed = random.Next(0, 5);
            sections += 1 + headed;
            for (var s = 0; s <= headed; s++)
            {
                // A heading is a short line without sentence punctuation (what Structurer reads as one);
                // a number keeps the headings of one article apart.
                if (s > 0)
                    text.Append(Pick(random, Headings)).Append(' ').Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
                for (var p = random.Next(1, 5); p > 0; p--)
                {
                    for (var n = random.Next(1, 5); n > 0; n--)
                        text.Append(Pick(random, Sentences));
                    text.Append('\n');
                }
            }
            File.WriteAllText(Path.Combine(folder, name), text.ToString(), new UTF8Encoding(false));
            var published = new DateTime(2015, 1, 1).AddDays(random.Next(0, 3650)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            metadata[name] = new
            {
                slug = $"bench-{a:000000}",
                title = $"{Pick(random, Headings)}（{a + 1}）",
                source = Sources[random.Next(Sources.Length)],
                published,
                author = Authors[random.Next(Authors.Length)],
                script = "zh-Hant",
            };
        }
        var json = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        File.WriteAllText(Path.Combine(folder, ArticleMetadataFile.FileName), JsonSerializer.Serialize(metadata, json));
        File.Copy(Path.Combine(seedFolder, TagTaxonomy.FileName), Path.Combine(folder, TagTaxonomy.FileName));
        return sections;
    }

    /// <summary>A paragraph cut after each 。！？；, the pieces a synthetic paragraph is made of.</summary>
    public static IEnumerable<string> SplitSentences(string paragraph)
    {
        var start = 0;
        for (var i = 0; i < paragraph.Length; i++)
            if (paragraph[i] is '。' or '！' or '？' or '；')
            {
                yield return paragraph[start..(i + 1)];
                start = i + 1;
            }
        if (start < paragraph.Length)
            yield return paragraph[start..];
    }

    static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
