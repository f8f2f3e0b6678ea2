using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;
using PolicyNews.Archive.Chinese;

namespace PolicyNews.Archive.Search;

/// <summary>
/// Keeps search_sections and search_headings of a PostgreSQL archive (Store/PostgreSQL/Migrations/001) equal to the
/// sections, inside the caller's transaction: the counterpart of <see cref="SearchIndexWriter"/>.
/// The forms are computed in C# (<see cref="SearchTokens.ForIndex"/>, the same as FTS5 gets, and their neighbours joined: <see cref="TsVectors.Neighbours"/>)
/// and sent with COPY as tsvector literals (<see cref="TsVectors"/>); a deleted section's row goes
/// with it (ON DELETE CASCADE).
/// </summary>
public sealed class PostgresSearchIndex(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    /// <summary>Sections read and written per round trip when the whole archive is indexed.</summary>
    const int Batch = 5000;

    // The texts SearchIndexWriter indexes: the heading (a lead's is its article's title), the body
    // (its paragraphs in order, one line each) and the labels (a lead's author and source, every
    // section's tag names).
    const string SectionTexts = """
        SELECT s.id, a.published, s.article_id AS ArticleId, s.ordinal,
               CASE WHEN s.ordinal = 0 THEN a.title || COALESCE(E'\n' || s.heading, '') ELSE s.heading END AS heading,
               (SELECT string_agg(p.text, E'\n' ORDER BY p.ordinal) FROM paragraphs p WHERE p.section_id = s.id) AS body,
               (SELECT string_agg(l.label, E'\n' ORDER BY l.n, l.k)
                FROM (SELECT 1 AS n, 0 AS k, a.author AS label WHERE s.ordinal = 0
                      UNION ALL SELECT 2, 0, a.source WHERE s.ordinal = 0
                      UNION ALL SELECT 3, t.id, t.name FROM section_tags st JOIN tags t ON t.id = st.tag_id WHERE st.section_id = s.id) l) AS labels
        FROM sections s JOIN articles a ON a.id = s.article_id
        """;

    /// <summary>Re-indexes every section of the given articles.</summary>
    public void Refresh(IReadOnlyCollection<long> articleIds)
    {
        if (articleIds.Count == 0)
            return;
        var ids = articleIds.ToArray();
        connection.Execute("""
            DELETE FROM search_sections WHERE section_id IN (SELECT id FROM sections WHERE article_id = ANY(@ids));
            DELETE FROM search_headings WHERE section_id IN (SELECT id FROM sections WHERE article_id = ANY(@ids));
            """, new { ids }, transaction);
        Write(connection.Query<SectionText>($"{SectionTexts} WHERE s.article_id = ANY(@ids)", new { ids }, transaction).AsList());
    }

    /// <summary>Empties the index and fills it again from every section, <see cref="Batch"/> sections at a time.</summary>
    public void Rebuild()
    {
        connection.Execute("DELETE FROM search_sections; DELETE FROM search_headings", transaction: transaction);
        for (long after = 0; ;)
        {
            var sections = connection.Query<SectionText>($"{SectionTexts} WHERE s.id > @after ORDER BY s.id LIMIT {Batch}", new { after }, transaction).AsList();
            if (sections.Count == 0)
                break;
            Write(sections);
            after = sections[^1].Id;
        }
        connection.Execute("ANALYZE search_sections; ANALYZE search_headings", transaction: transaction);
    }

    /// <summary>Sections whose literals are made at once: a section's are tens of kilobytes.</summary>
    const int LiteralsPerBatch = 2000;

    const string Forms = "words, pairs, pinyin, pinyin_pairs, pinyin_readings, pinyin_words, triples, pinyin_triples, pinyin_word_pairs";

    void Write(List<SectionText> sections)
    {
        // The forms and their literals are made on every core (as SearchIndexWriter's); COPY sends them in order.
        foreach (var batch in sections.Chunk(LiteralsPerBatch))
        {
            var rows = batch.AsParallel().AsOrdered().Select(Literals).ToList();
            Copy($"search_sections (section_id, {Forms}, labels, label_pairs, label_triples, runs, published, article_id, ordinal)", rows.Select(r => (r.Id, r.Section)));
            Copy($"search_headings (section_id, {Forms})", rows.Where(r => r.Heading is not null).Select(r => (r.Id, r.Heading!)));
        }
    }

    /// <summary>A section's row of search_sections and, if it has a heading, of search_headings, as tsvector literals.</summary>
    static (long Id, List<string?> Section, List<string?>? Heading) Literals(SectionText section)
    {
        // ForIndex keeps the last three texts' forms per thread: each text's are made once.
        var (heading, body, labels) = (SearchTokens.ForIndex(section.Heading), SearchTokens.ForIndex(section.Body), SearchTokens.ForIndex(section.Labels));
        // Labels are a field of their own, as FTS5's labels columns: body-weighted, no heading part.
        var row = Vectors(heading, body);
        row.Add(TsVectors.Vector(null, labels?.Words));
        row.Add(TsVectors.Vector(null, labels?.WordPairs));
        row.Add(TsVectors.Neighbours(null, labels?.WordPairs, Triple));
        row.Add(Runs(heading?.WordPairs, body?.WordPairs, labels?.WordPairs));
        // The section's place in the archive's order (migration 012), for the ranked page.
        row.AddRange([section.Published, section.ArticleId.ToString(CultureInfo.InvariantCulture), section.Ordinal.ToString(CultureInfo.InvariantCulture)]);
        return (section.Id, row, heading is null ? null : Vectors(heading, null));
    }

    static List<string?> Vectors(SearchTokens.IndexForms? heading, SearchTokens.IndexForms? body) =>
    [
        TsVectors.Vector(heading?.Words, body?.Words),
        TsVectors.Vector(heading?.WordPairs, body?.WordPairs),
        TsVectors.Vector(heading?.Pinyin, body?.Pinyin),
        TsVectors.Vector(heading?.PinyinPairs, body?.PinyinPairs),
        TsVectors.Vector(heading?.PinyinReadingPairs, body?.PinyinReadingPairs),
        TsVectors.Vector(heading?.PinyinWords, body?.PinyinWords),
        TsVectors.Neighbours(heading?.WordPairs, body?.WordPairs, Triple),
        TsVectors.Neighbours(heading?.PinyinPairs, body?.PinyinPairs, PinyinTriple),
        TsVectors.Neighbours(heading?.PinyinWords, body?.PinyinWords, WordPair),
    ];

    // The forms made of neighbouring lexemes (migrations 007 and 008, where the SQL functions
    // search_triples, search_pinyin_triples and search_word_pairs say the same for the rows the
    // migrations fill; PostgresSearchTests holds the two equal). Made here, on every core, rather
    // than by those functions in the server, one row at a time: as generated columns they made a
    // PostgreSQL import 40–75 % longer. PostgresSearch joins a query's tokens with the same functions.

    // Neighbouring lexemes overlap within a run of characters. Across a break they need not: the break
    // token is no lexeme (as FTS5 reads it), so the last pair before punctuation and the first after
    // it are neighbours too, and join only when they overlap — exactly when FTS5's phrase of the two
    // pairs would match there.

    /// <summary>Two overlapping pairs of Han characters (创新, 新发) as their triple (创新发); else null.</summary>
    internal static string? Triple(string pair, string next) =>
        IsHanPair(pair) && IsHanPair(next) && Overlap(pair, next) ? pair + next[^LastRuneLength(next)..] : null;

    /// <summary>Two overlapping syllable pairs (xiang_shi, shi_xian) as their triple (xiang_shi_xian); else null.</summary>
    internal static string? PinyinTriple(string pair, string next)
    {
        var (last, first) = (pair.LastIndexOf(SearchTokens.PairSeparator, StringComparison.Ordinal), next.IndexOf(SearchTokens.PairSeparator, StringComparison.Ordinal));
        return last >= 0 && first >= 0 && pair[(last + 1)..] == next[..first] ? pair + next[first..] : null;
    }

    /// <summary>
    /// Two neighbouring words of the word-reading form (xiang, shi_xian) as one lexeme (xiang+shi_xian).
    /// The break token is no lexeme, so it never reaches here: words meeting across punctuation pair up,
    /// as FTS5's phrase of them matches there.
    /// </summary>
    internal static string WordPair(string word, string next) => word + WordPairJoiner + next;

    /// <summary>Joins the two words of a lexeme of pinyin_word_pairs.</summary>
    const string WordPairJoiner = "+";

    /// <summary>
    /// The runs column (migrations 009, 010): every run of Han characters of the texts' pairs forms
    /// (heading, body, labels), each after a space, so a Han phrase of four characters or more is in a
    /// section exactly when <c>runs LIKE '%phrase%'</c>, as FTS5 finds it: a phrase of pairs, whose
    /// neighbouring pairs overlap. A run is such a chain of pairs (创新 新发 发展 → 创新发展), or a lone
    /// character. The break token is no lexeme (as FTS5 reads it), so two pairs that meet across
    /// punctuation chain when they overlap, as FTS5's phrase would match them there. Checking a phrase
    /// here reads a short text kept in the row, where its positions are read from a tsvector of
    /// kilobytes kept out of line. The SQL function search_runs says the same for rows already indexed.
    /// </summary>
    internal static string Runs(params string?[] pairForms)
    {
        var runs = new StringBuilder();
        foreach (var pairs in pairForms)
        {
            string? previous = null;   // the pair the current run ends with
            foreach (var token in (pairs ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (token == SearchTokens.Break)
                    continue;
                if (IsHanPair(token))
                {
                    if (previous is not null && Overlap(previous, token))
                        runs.Append(token[^LastRuneLength(token)..]);
                    else
                        runs.Append(RunSeparator).Append(token);
                    previous = token;
                    continue;
                }
                if (SearchTokens.IsHanText(token))
                    runs.Append(RunSeparator).Append(token);   // a lone character
                previous = null;
            }
        }
        return runs.ToString();
    }

    /// <summary>The second pair starts with the character the first ends with (创新, 新发).</summary>
    static bool Overlap(string pair, string next) => next.StartsWith(pair[^LastRuneLength(pair)..], StringComparison.Ordinal);

    /// <summary>Stands before every run in the runs column: no Han phrase holds it.</summary>
    const char RunSeparator = ' ';

    static bool IsHanPair(string token)
    {
        var runes = 0;
        foreach (var rune in token.EnumerateRunes())
            if (!Han.IsCharacter(rune) || ++runes > 2)
                return false;
        return runes == 2;
    }

    static int LastRuneLength(string token) => char.IsLowSurrogate(token[^1]) ? 2 : 1;

    void Copy(string tableAndColumns, IEnumerable<(long Id, List<string?> Values)> rows)
    {
        using var copy = connection.BeginTextImport($"COPY {tableAndColumns} FROM STDIN");
        foreach (var (id, values) in rows)
        {
            copy.Write(id);
            foreach (var value in values)
            {
                copy.Write('\t');
                // COPY's text format escapes backslashes and writes NULL as \N; tokens and dates hold no tab or newline.
                copy.Write(value is null ? "\\N" : value.Replace("\\", "\\\\"));
            }
            copy.Write('\n');
        }
    }

    sealed class SectionText
    {
        public long Id { get; set; }
        public string? Published { get; set; }
        public long ArticleId { get; set; }
        public int Ordinal { get; set; }
        public string? Heading { get; set; }
        public string? Body { get; set; }
        public string? Labels { get; set; }
    }
}
