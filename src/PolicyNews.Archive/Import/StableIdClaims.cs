using Dapper;
using System.Data.Common;
using PolicyNews.Archive.Store;

namespace PolicyNews.Archive.Import;

/// <summary>
/// Settles the stable id of each section and paragraph of an article among its forms (<see cref="Slugs.SectionIdForms"/>):
/// the form this article already stores, so a permalink never changes; else the first form no other
/// article holds — a live section or paragraph (written before or earlier in this run: the same
/// transaction), or a retired section id still redirecting. Only the article's own rows and the
/// candidate ids are read (indexed lookups), never every id in the archive.
/// </summary>
internal sealed class StableIdClaims(DbConnection connection, DbTransaction transaction)
{
    readonly ArchiveSql sql = ArchiveSql.For(connection);

    /// <summary>Ids per query: far below SQLite's limit on parameters.</summary>
    const int Batch = 500;

    /// <summary>The article with its ids settled; <paramref name="isNew"/>: it has no rows yet, so owns no id.</summary>
    public PreparedArticle Settle(PreparedArticle article, long articleId, bool isNew)
    {
        var sectionIds = Choose(article.Sections.Select(s => s.IdForms).ToList(),
            isNew ? [] : OwnSections(articleId), ids => SectionsTaken(ids, articleId));
        var blocks = article.Sections.SelectMany(s => s.Blocks).ToList();
        var blockIds = new Queue<string>(Choose(blocks.Select(b => b.IdForms).ToList(),
            isNew ? [] : OwnParagraphs(articleId), ids => ParagraphsTaken(ids, articleId)));
        var sections = article.Sections.Select((s, i) => s with
        {
            StableId = sectionIds[i],
            Blocks = s.Blocks.Select(b => b with { StableId = blockIds.Dequeue() }).ToList(),
        }).ToList();
        return article with { Sections = sections };
    }

    /// <summary>Per item: a form it already owns, else the first form neither taken elsewhere nor chosen for an earlier item.</summary>
    static List<string> Choose(List<IReadOnlyList<string>> forms, HashSet<string> own, Func<List<string>, HashSet<string>> takenAmong)
    {
        var taken = takenAmong(forms.SelectMany(f => f).Where(f => !own.Contains(f)).ToList());
        var chosen = new HashSet<string>();
        return forms.Select(f =>
        {
            var id = f.FirstOrDefault(x => own.Contains(x) && !chosen.Contains(x))
                     ?? f.FirstOrDefault(x => !taken.Contains(x) && !chosen.Contains(x))
                     ?? throw new InvalidOperationException($"every form of the stable id {f[0]} is taken by another article");
            chosen.Add(id);
            return id;
        }).ToList();
    }

    HashSet<string> OwnSections(long articleId) => connection.Query<string>(
        "SELECT stable_id FROM sections WHERE article_id = @articleId", new { articleId }, transaction).ToHashSet();

    HashSet<string> OwnParagraphs(long articleId) => connection.Query<string>("""
        SELECT p.stable_id FROM paragraphs p JOIN sections s ON s.id = p.section_id WHERE s.article_id = @articleId
        """, new { articleId }, transaction).ToHashSet();

    HashSet<string> SectionsTaken(List<string> ids, long articleId) => Lookup(ids, articleId, $"""
        SELECT stable_id FROM sections WHERE {sql.In("stable_id", "ids")} AND article_id <> @articleId
        UNION ALL
        SELECT stable_id FROM retired_section_ids WHERE {sql.In("stable_id", "ids")} AND article_id <> @articleId
        """);

    HashSet<string> ParagraphsTaken(List<string> ids, long articleId) => Lookup(ids, articleId, $"""
        SELECT p.stable_id FROM paragraphs p JOIN sections s ON s.id = p.section_id
        WHERE {sql.In("p.stable_id", "ids")} AND s.article_id <> @articleId
        """);

    HashSet<string> Lookup(List<string> ids, long articleId, string sql) =>
        ids.Chunk(Batch).SelectMany(chunk => connection.Query<string>(sql, new { ids = chunk, articleId }, transaction)).ToHashSet();
}
