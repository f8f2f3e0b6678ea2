using System.Diagnostics;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using PolicyNews.Archive.Chinese;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Store.PostgreSQL;

// Search on both providers over the same archive (docs/search.md, "PostgreSQL"). Takes the SQLite
// archive that tools/PolicyNews.SearchBenchmark kept (--keep DIR), copies it into an empty PostgreSQL
// database (ArchiveCopy: rows, then the tsvector index), and times, query by query, SQLite's
// SearchStore.Search, PostgreSQL's PostgresSearch.Find and, as the reference on each side, a LIKE
// scan over the same folded text. Checks that both providers count the same hits. Prints Markdown.
//
//   dotnet run -c Release --project tools/PolicyNews.SearchBenchmark -- --sections 100000 --keep /tmp/bench
//   dotnet run -c Release --project tools/PolicyNews.PostgresBenchmark -- /tmp/bench/bench.db "Host=…;Database=bench" [queries per class] [reps]

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: PostgresBenchmark SQLITE_FILE POSTGRES_CONNECTION_STRING [queries per class (20)] [reps (3)]");
    return 2;
}
var perClass = args.Length > 2 ? int.Parse(args[2]) : 20;
var reps = args.Length > 3 ? int.Parse(args[3]) : 3;

using var sqlite = ArchiveDatabase.Open(args[0], SearchSqlFunctions.Register);
using var pg = PostgresArchive.Open(args[1]);
using var lite = sqlite.OpenConnection();
using var pgc = pg.OpenConnection();

if (!pgc.ExecuteScalar<bool>("SELECT EXISTS (SELECT 1 FROM sections)"))
{
    Console.Error.WriteLine("copying the archive into PostgreSQL and building its index …");
    var copying = Stopwatch.StartNew();
    var rows = ArchiveCopy.Copy(sqlite, pg);
    Console.WriteLine($"- copy of {rows:N0} rows and the tsvector index: {copying.Elapsed.TotalSeconds:0.0} s");
    pgc.Execute("VACUUM ANALYZE");
}
if (!pgc.ExecuteScalar<bool>("SELECT to_regclass('bench_scan') IS NOT NULL"))
{
    Console.Error.WriteLine("building the LIKE scan table …");
    pgc.Execute("CREATE TABLE bench_scan (id bigint PRIMARY KEY, text text NOT NULL)");
    using var copy = pgc.BeginTextImport("COPY bench_scan (id, text) FROM STDIN");
    foreach (var (id, text) in lite.Query<(long, string)>("SELECT id, text FROM bench_scan"))
        copy.Write($"{id}\t{text.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r")}\n");
}
pgc.Execute("VACUUM ANALYZE bench_scan");

var sizes = pgc.QuerySingle<(long Total, long Index)>("""
    SELECT pg_database_size(current_database()),
           pg_total_relation_size('search_sections')
    """);
var sections = pgc.ExecuteScalar<long>("SELECT COUNT(*) FROM sections");
var lexemeLimit = pgc.ExecuteScalar<long>("""
    SELECT COUNT(*) FROM search_sections WHERE EXISTS (SELECT 1 FROM unnest(words) u WHERE cardinality(u.positions) >= 256)
    """);

// Queries as the SQLite benchmark samples them: Han runs from the seed articles' text, pinyin of 2–3-character runs.
var paragraphs = lite.Query<string>("""
    SELECT p.text FROM paragraphs p JOIN sections s ON s.id = p.section_id JOIN articles a ON a.id = s.article_id
    WHERE a.slug NOT LIKE 'bench-%' ORDER BY p.id
    """).ToList();
var random = new Random(20250302);
var classes = new List<(string Name, List<string> Queries)>
{
    ("1 char", Runs(1, 1)), ("2 chars", Runs(2, 2)), ("3 chars", Runs(3, 3)), ("4+ chars", Runs(4, 6)),
    ("pinyin", Runs(2, 3).Select(q => SearchTokens.ForIndex(q)!.Pinyin.Replace(" ", "")).ToList()),
    ("2 words (AND)", Runs(2, 3).Zip(Runs(2, 3), (a, b) => $"{a} {b}").ToList()),
    ("phrase, exclusion", Runs(4, 6).Zip(Runs(1, 2), (a, b) => $"\"{a}\" -{b}").ToList()),
};

// The portal searches either archive through SearchStore: the index's part (FTS5, or PostgresSearch),
// then the hits' sections, tags and paragraphs read and their snippets cut. Both are timed that
// way; PostgresSearch.Find alone is the index's part on PostgreSQL, for comparison.
using var pgArchive = ArchiveDatabase.OpenPostgres(args[1]);
var store = new SearchStore(sqlite);
var pgStore = new SearchStore(pgArchive);
var search = new PostgresSearch(pg);
foreach (var q in classes.SelectMany(c => c.Queries.Take(3)))   // warm-up
{
    store.Search(new SearchRequest(q));
    pgStore.Search(new SearchRequest(q));
    search.Find(new SearchRequest(q));
}

Console.WriteLine($"## Search on SQLite and PostgreSQL: {sections:N0} sections");
Console.WriteLine();
Console.WriteLine($"- PostgreSQL {pgc.PostgreSqlVersion}, SQLite {lite.ExecuteScalar<string>("SELECT sqlite_version()")}, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
// The server's buffers and the kernel's huge pages change PostgreSQL's tail (docs/search.md, "Huge pages").
Console.WriteLine($"- PostgreSQL shared_buffers {pgc.ExecuteScalar<string>("SHOW shared_buffers")}, huge_pages {pgc.ExecuteScalar<string>("SHOW huge_pages")}; {HugePages()}");
Console.WriteLine($"- PostgreSQL database {sizes.Total / 1e6:0.0} MB, of which search_sections with its GIN indexes {sizes.Index / 1e6:0.0} MB");
Console.WriteLine($"- sections with a lexeme at PostgreSQL's 256-position limit (words form): {lexemeLimit:N0}");
Console.WriteLine($"- {perClass} queries per class, {reps} runs each; the whole search, as the portal runs it: SearchStore.Search (a page of 20 with snippets) on either archive; " +
                  "the index's part alone on PostgreSQL: PostgresSearch.Find (a page of 20 section ids)");
Console.WriteLine();
Console.WriteLine("| query class | median hits | same hits (count all) | SQLite p50 / p95 ms | PostgreSQL p50 / p95 ms | PostgreSQL ÷ SQLite p95 | PostgreSQL index part p50 / p95 ms | LIKE SQLite p50 ms | LIKE PostgreSQL p50 ms | PostgreSQL vs its LIKE (p50) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
var mismatches = new List<string>();
var slowest = new List<string>();
List<double> allA = [], allB = [];
foreach (var (name, queries) in classes)
{
    Console.Error.WriteLine($"timing {name} …");
    List<double> a = [], b = [], index = [], likeA = [], likeB = [], hits = [];
    var perQuery = new List<(string Query, double SlowestMs, int Hits)>();
    var same = 0;
    foreach (var q in queries)
    {
        var exactA = store.Search(new SearchRequest(q, CountAll: true)).TotalHits;
        var exactB = search.Find(new SearchRequest(q, CountAll: true)).TotalHits;
        hits.Add(exactA);
        if (exactA == exactB) same++;
        else mismatches.Add($"{q}: SQLite {exactA}, PostgreSQL {exactB}");
        var before = b.Count;
        for (var rep = 0; rep < reps; rep++)
        {
            a.Add(Time(() => store.Search(new SearchRequest(q))));
            b.Add(Time(() => pgStore.Search(new SearchRequest(q))));
            index.Add(Time(() => search.Find(new SearchRequest(q))));
        }
        perQuery.Add((q, b.Skip(before).Max(), exactA));
        var words = ScriptConverter.FoldForSearch(name == "pinyin" ? "" : q).Replace("\"", "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !w.StartsWith('-')).ToList();
        if (words.Count == 0) continue;
        var parameters = new DynamicParameters();
        for (var w = 0; w < words.Count; w++) parameters.Add($"p{w}", "%" + words[w] + "%");
        var where = string.Join(" AND ", words.Select((_, w) => $"text LIKE @p{w}"));
        likeA.Add(Time(() => lite.ExecuteScalar<long>($"SELECT COUNT(*) FROM bench_scan WHERE {where}", parameters)));
        likeB.Add(Time(() => pgc.ExecuteScalar<long>($"SELECT COUNT(*) FROM bench_scan WHERE {where}", parameters)));
    }
    allA.AddRange(a);
    allB.AddRange(b);
    slowest.Add($"{name}: " + string.Join(", ", perQuery.OrderByDescending(p => p.SlowestMs).Take(3).Select(p => $"{p.Query} {p.SlowestMs:0} ms ({p.Hits:N0} hits)")));
    Console.WriteLine($"| {name} | {P(hits, 50):N0} | {same} of {queries.Count} | {P(a, 50):0.0} / {P(a, 95):0.0} | {P(b, 50):0.0} / {P(b, 95):0.0} | " +
                      $"{P(b, 95) / P(a, 95):0.0}× | {P(index, 50):0.0} / {P(index, 95):0.0} | {Show(likeA)} | {Show(likeB)} | {(likeB.Count == 0 ? "n/a" : $"{P(likeB, 50) / P(b, 50):0}×")} |");
}
// The issue's target read as written, one p95 over every timed search of every class.
Console.WriteLine($"| all queries | | | {P(allA, 50):0.0} / {P(allA, 95):0.0} | {P(allB, 50):0.0} / {P(allB, 95):0.0} | {P(allB, 95) / P(allA, 95):0.0}× | | | | |");
Console.WriteLine();
Console.WriteLine(mismatches.Count == 0 ? "Every query counted the same hits on both." : "Different counts:\n" + string.Join("\n", mismatches.Select(m => "- " + m)));
Console.WriteLine();
Console.WriteLine("Slowest on PostgreSQL (each query's slowest run):");
foreach (var line in slowest)
    Console.WriteLine($"- {line}");
Console.WriteLine();
foreach (var (name, queries) in classes)
    Console.WriteLine($"- {name}: {string.Join(" ", queries.Take(8))} …");
return 0;

List<string> Runs(int min, int max)
{
    var runs = new List<string>();
    for (var attempt = 0; runs.Count < perClass && attempt < 100_000; attempt++)
    {
        var text = paragraphs[random.Next(paragraphs.Count)];
        var length = random.Next(min, max + 1);
        if (text.Length < length) continue;
        var run = text.Substring(random.Next(0, text.Length - length + 1), length);
        if (run.All(c => Han.IsCharacter(new Rune(c))) && !runs.Contains(run))
            runs.Add(run);
    }
    return runs;
}

static double Time(Action action)
{
    var sw = Stopwatch.StartNew();
    action();
    return sw.Elapsed.TotalMilliseconds;
}

static string Show(List<double> values) => values.Count == 0 ? "n/a" : $"{P(values, 50):0.0}";

static double P(List<double> values, int percentile)
{
    if (values.Count == 0) return double.NaN;
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static string HugePages() => File.Exists("/proc/meminfo")
    ? "kernel " + string.Join(", ", File.ReadLines("/proc/meminfo").Where(l => l.StartsWith("HugePages_Total") || l.StartsWith("HugePages_Free"))
        .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))))
    : "kernel huge pages unknown";

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
