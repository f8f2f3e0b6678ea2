using System.Data.Common;
using Dapper;

namespace PolicyNews.Archive.Store;

/// <summary>
/// How one facet of the archive listing is counted: its value's key, label and kind and the count,
/// over the rows of a FROM that have the facet (<see cref="Present"/>). <see cref="ListingStore"/>
/// counts it under a filter; <see cref="FacetCounts"/> keeps its count over the whole archive.
/// <see cref="Order"/> names the output columns (Key, Label, Count), so it orders either.
/// </summary>
sealed record FacetQuery(string Name, string Key, string Label, string Kind, string Count, string Present, string GroupBy, string Order)
{
    public string Sql(string from, string where) =>
        $"SELECT {Key} AS Key, {Label} AS Label, {Count} AS Count, {Kind} AS Kind FROM {from} WHERE {Present} AND {where} GROUP BY {GroupBy}";
}

/// <summary>
/// The facet counts over the whole archive, table <c>facet_counts</c> (migration 011): the importer
/// refreshes them in its write transaction, and the listing reads them instead of counting whenever
/// the rest of the selection is empty — home, <c>/articles</c> and <c>/api/articles</c> unfiltered,
/// a facet's own counts under a filter of that facet alone. Counting them per render read every
/// <c>article_tags</c> row (1.04 s for the first home page at 100,000 articles).
/// </summary>
public static class FacetCounts
{
    /// <summary>The facets counted over the whole archive: those of <see cref="ListingStore"/> but months (listed only within one year).</summary>
    internal static readonly IReadOnlyList<(FacetQuery Query, string From)> Kept =
    [
        (ListingStore.Sources, "articles a"),
        (ListingStore.Types, "articles a"),
        (ListingStore.Years, "articles a"),
        (ListingStore.Tags, ListingStore.TagLinksAlone),
        (ListingStore.Kinds, ListingStore.TagLinksAlone),
    ];

    /// <summary>Counts every kept facet anew, inside the caller's (the import's) transaction.</summary>
    public static void Refresh(DbConnection connection, DbTransaction transaction)
    {
        connection.Execute("DELETE FROM facet_counts", transaction: transaction);
        foreach (var (query, from) in Kept)
            connection.Execute($"""
                INSERT INTO facet_counts (facet, value_key, value_label, value_kind, articles)
                SELECT @Name, c.Key, c.Label, c.Kind, c.Count FROM ({query.Sql(from, "1 = 1")}) c
                """, new { query.Name }, transaction);
    }

    /// <summary>A kept facet's values, in its order: what the listing would count unfiltered.</summary>
    internal static string ReadSql(FacetQuery query) =>
        $"SELECT value_key AS Key, value_label AS Label, articles AS Count, value_kind AS Kind FROM facet_counts WHERE facet = '{query.Name}' " +
        $"ORDER BY {query.Order} LIMIT {ListingStore.FacetLimit}";

    /// <summary>Whether an import has filled the table (an archive migrated in place has not, until its next import).</summary>
    internal const string FilledSql = "SELECT EXISTS (SELECT 1 FROM facet_counts)";
}
