using Microsoft.Data.Sqlite;

namespace PolicyNews.Archive.Search;

/// <summary>
/// The index forms of a text as SQL functions, so the SQL that fills the index — in migration
/// 005 for databases that already held articles, and in <see cref="SearchIndexWriter"/> for
/// every import — reads sections and paragraphs straight into FTS5 rows in one statement, with
/// the same C# folding and tokenising as queries use. Whoever opens the archive hands
/// <see cref="Register"/> to <see cref="Store.ArchiveDatabase.Open"/> for the migrations.
/// </summary>
public static class SearchSqlFunctions
{
    public static void Register(SqliteConnection connection)
    {
        connection.CreateFunction<string?, string?>("search_words", t => SearchTokens.ForIndex(t)?.Words, isDeterministic: true);
        connection.CreateFunction<string?, string?>("search_word_pairs", t => SearchTokens.ForIndex(t)?.WordPairs, isDeterministic: true);
        connection.CreateFunction<string?, string?>("search_pinyin", t => SearchTokens.ForIndex(t)?.Pinyin, isDeterministic: true);
        connection.CreateFunction<string?, string?>("search_pinyin_pairs", t => SearchTokens.ForIndex(t)?.PinyinPairs, isDeterministic: true);
        connection.CreateFunction<string?, string?>("search_pinyin_readings", t => SearchTokens.ForIndex(t)?.PinyinReadingPairs, isDeterministic: true);
        connection.CreateFunction<string?, string?>("search_pinyin_words", t => SearchTokens.ForIndex(t)?.PinyinWords, isDeterministic: true);
    }
}
