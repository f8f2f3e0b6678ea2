using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using PolicyNews;
using PolicyNews.Archive.Chinese;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;
using PolicyNews.Benchmarks;

// Search benchmark (results in docs/search.md). Imports the seeds and a synthetic archive made
// reproducibly from their sentences (SyntheticArchive, shared with tools/PolicyNews.ArchiveBenchmark)
// through the real importer, times SearchIndexWriter.Rebuild, and times SearchStore.Search
// against a LIKE scan over the same folded text. Prints Markdown.
//
//   dotnet run -c Release --project tools/PolicyNews.SearchBenchmark -- --sections 100000
//
// Options: --sections N (100000), --seed S (20250301), --queries Q per class (30), --reps R (5),
// --like-reps R (1), --trigram (also build and time a trigram index for comparison), --keep DIR,
// --reuse (with --keep: time the archive kept there by an earlier run instead of building one;
// pending migrations are applied to it), --explain Q (with --keep and --reuse: run the search for
// Q 50 times and print every statement of the last three runs with its time, then stop),
// --optimize (merge each index into one segment before timing, as imports did until they merged
// incrementally: run with and without it to compare).

var options = Options.Parse(args);
if (options.Reuse && options.Keep is null)   // before any folder is made: a temporary one would be left behind
    throw new ArgumentException("--reuse needs --keep DIR");
var work = options.Keep ?? Path.Combine(Path.GetTempPath(), "policynews-bench-" + Guid.NewGuid().ToString("n"));
Directory.CreateDirectory(work);
var db = Path.Combine(work, "bench.db");
var reuse = options.Reuse && File.Exists(db);
if (File.Exists(db) && !reuse) File.Delete(db);

try
{
    Run();
}
finally
{
    SqliteConnection.ClearAllPools();
    if (options.Keep is null)
        Directory.Delete(work, recursive: true);
}

void Run()
{
    var generate = TimeSpan.Zero;
    if (!reuse)
    {
        // The seeds, and a synthetic archive made from their sentences (SyntheticArchive, shared with
        // the archive benchmark: about three sections per article), imported by the real importer.
        Console.Error.WriteLine($"importing seeds into {db} …");
        Import([Repository.Seeds]);
        var files = Path.Combine(work, "synthetic");
        var articles = Math.Max(1, options.Sections / 3);
        Console.Error.WriteLine($"generating and importing {articles:N0} synthetic articles (about {options.Sections:N0} sections) …");
        var generating = Stopwatch.StartNew();
        SyntheticArchive.FromSeeds(Repository.Seeds).Write(files, articles, options.Seed);
        Import([files]);
        generate = generating.Elapsed;
        Directory.Delete(files, recursive: true);
    }

    if (options.Explain is { } explain)
    {
        // Warm up first (JIT tiering, page cache), then show the statements of the last runs.
        var log = new StatementLog();
        using var traced = ArchiveDatabase.Open(db, SearchSqlFunctions.Register, log);
        for (var run = 1; run <= 50; run++)
        {
            log.Enabled = run > 47;
            if (log.Enabled) Console.WriteLine($"run {run}: {explain}");
            var sw = Stopwatch.StartNew();
            var result = new SearchStore(traced).Search(new SearchRequest(explain));
            if (log.Enabled)
                Console.WriteLine($"  total {sw.Elapsed.TotalMilliseconds:0.00} ms, {result.TotalHits:N0}{(result.TotalIsExact ? "" : "+")} hits");
        }
        return;
    }

    using var database = ArchiveDatabase.Open(db, SearchSqlFunctions.Register);
    using var connection = (SqliteConnection)database.OpenConnection();   // a SQLite archive: the benchmark times FTS5 itself
    // Sentences and queries come from the seed articles alone (a kept archive also holds the synthetic ones).
    var seedArticles = connection.Query<long>("SELECT id FROM articles WHERE slug NOT LIKE 'bench-%'").ToList();
    var paragraphs = connection.Query<string>("""
        SELECT p.text FROM paragraphs p JOIN sections s ON s.id = p.section_id
        WHERE s.article_id IN @seedArticles ORDER BY p.id
        """, new { seedArticles }).ToList();
    var sentences = paragraphs.SelectMany(SyntheticArchive.SplitSentences).Where(s => s.Length >= 8).Distinct().ToList();

    var build = TimeSpan.Zero;
    long sizeWithoutIndex = 0, sizeWithIndex;
    if (reuse)
    {
        Console.Error.WriteLine($"reusing the archive in {db} …");
        sizeWithIndex = DatabaseBytes(connection);
    }
    else
    {
        Checkpoint(connection);
        var indexBytes = IndexBytes(connection);
        sizeWithoutIndex = DatabaseBytes(connection) - indexBytes;
        Console.Error.WriteLine("building the search index again, timed …");
        var building = Stopwatch.StartNew();
        using (var tx = connection.BeginTransaction())
        {
            new SearchIndexWriter(connection, tx).Rebuild();
            tx.Commit();
        }
        build = building.Elapsed;
        if (options.Optimize)
        {
            // For comparison with what imports leave (segments merged incrementally): one b-tree per table.
            Console.Error.WriteLine("merging each index into one segment ('optimize') …");
            connection.Execute("""
                INSERT INTO search_sections (search_sections) VALUES ('optimize');
                INSERT INTO search_headings (search_headings) VALUES ('optimize');
                """);
            Checkpoint(connection);
        }

        Checkpoint(connection);
        sizeWithIndex = DatabaseBytes(connection);

        Console.Error.WriteLine("building the LIKE scan table (folded heading + body per section) …");
        BuildScanTable(connection);
    }
    // Counted the same way whether the archive was generated or reused (seed articles included).
    var sectionCount = connection.ExecuteScalar<int>("SELECT COUNT(*) FROM sections");
    var textChars = connection.ExecuteScalar<long>("SELECT (SELECT SUM(length(text)) FROM paragraphs) + (SELECT SUM(length(heading)) FROM sections)");

    TimeSpan? trigramBuild = null;
    long trigramBytes = 0;
    if (options.Trigram)
    {
        Console.Error.WriteLine("building the trigram comparison index …");
        Checkpoint(connection);
        var before = DatabaseBytes(connection);
        var sw = Stopwatch.StartNew();
        connection.Execute("""
            DROP TABLE IF EXISTS bench_trigram;
            CREATE VIRTUAL TABLE bench_trigram USING fts5(text, content = '', tokenize = 'trigram');
            INSERT INTO bench_trigram (rowid, text) SELECT id, text FROM bench_scan;
            """);
        trigramBuild = sw.Elapsed;
        Checkpoint(connection);
        trigramBytes = DatabaseBytes(connection) - before;
    }

    // Queries: Han runs sampled from the seed text (so they occur), pinyin spelled from 2–3 character
    // runs, and two words (2–3 character runs sampled independently) that must both occur: a section
    // holds a few of the 119 sentences, so these find far fewer sections, many under the exact limit.
    var queryRandom = new Random(options.Seed + 1);
    var classes = new List<(string Name, List<string> Queries)>
    {
        ("1 char", SampleRuns(paragraphs, queryRandom, 1, 1, options.Queries)),
        ("2 chars", SampleRuns(paragraphs, queryRandom, 2, 2, options.Queries)),
        ("3 chars", SampleRuns(paragraphs, queryRandom, 3, 3, options.Queries)),
        ("4+ chars", SampleRuns(paragraphs, queryRandom, 4, 6, options.Queries)),
    };
    var pinyinSources = SampleRuns(paragraphs, queryRandom, 2, 3, options.Queries);
    classes.Add(("pinyin", pinyinSources.Select(q => SearchTokens.ForIndex(q)!.Pinyin.Replace(" ", "")).ToList()));
    var firstWords = SampleRuns(paragraphs, queryRandom, 2, 3, options.Queries);
    var secondWords = SampleRuns(paragraphs, queryRandom, 2, 3, options.Queries);
    classes.Add(("2 words (AND)", firstWords.Zip(secondWords, (a, b) => $"{a} {b}").ToList()));

    var startLoad = LoadAverage();
    var store = new SearchStore(database);
    foreach (var (_, queries) in classes)            // warm-up: caches, JIT, table pages
        foreach (var q in queries.Take(3)) { store.Search(new SearchRequest(q)); }

    var rows = new List<string>();
    var slowestQueries = new List<string>();
    foreach (var (name, queries) in classes)
    {
        Console.Error.WriteLine($"timing {name} …");
        var fts = new List<double>();
        var countingAll = new List<double>();
        var hits = new List<int>();
        var slowest = new double[queries.Count];   // by query index, like hits
        for (var rep = 0; rep < options.Reps; rep++)
            for (var i = 0; i < queries.Count; i++)
            {
                var q = queries[i];
                var sw = Stopwatch.StartNew();
                store.Search(new SearchRequest(q));
                fts.Add(sw.Elapsed.TotalMilliseconds);
                slowest[i] = Math.Max(slowest[i], sw.Elapsed.TotalMilliseconds);

                // The same search asked to count every hit (the page's "count all" link).
                sw.Restart();
                var counted = store.Search(new SearchRequest(q, CountAll: true));
                countingAll.Add(sw.Elapsed.TotalMilliseconds);
                if (rep == 0) hits.Add(counted.TotalHits);
            }
        slowestQueries.Add($"- {name}: " + string.Join(", ", Enumerable.Range(0, queries.Count).OrderByDescending(i => slowest[i]).Take(5)
            .Select(i => $"{queries[i]} {slowest[i]:0.0} ms ({hits[i]:N0} hits)")));

        // The index alone: the two statements SearchStore runs, on one open connection.
        // Split in two to show where the time goes: counting the hits, and ranking them all by BM25.
        var core = new List<double>();
        var counting = new List<double>();
        foreach (var q in queries)
        {
            var match = SearchQuery.Parse(q).MatchExpression;
            for (var rep = 0; rep < options.Reps; rep++)
            {
                var sw = Stopwatch.StartNew();
                connection.ExecuteScalar<long>("SELECT COUNT(*) FROM search_sections WHERE search_sections MATCH @match", new { match });
                counting.Add(sw.Elapsed.TotalMilliseconds);
                connection.Query<long>("SELECT rowid FROM search_sections WHERE search_sections MATCH @match AND rank MATCH @rank ORDER BY rank LIMIT 20",
                    new { match, rank = "bm25(8.0, 1.0, 8.0, 1.0, 8.0, 1.0, 8.0, 1.0, 8.0, 1.0, 8.0, 1.0)" }).AsList();
                core.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        var like = new List<double>();
        for (var rep = 0; rep < options.LikeReps; rep++)
            for (var i = 0; i < queries.Count; i++)
            {
                // The scan searches the folded form, so it finds what the index finds for Han queries;
                // each word of the query is one more LIKE.
                var words = ScriptConverter.FoldForSearch(name == "pinyin" ? pinyinSources[i] : queries[i]).Split(' ');
                var parameters = new DynamicParameters();
                for (var w = 0; w < words.Length; w++)
                    parameters.Add($"p{w}", "%" + words[w] + "%");
                var sql = "SELECT COUNT(*) FROM bench_scan WHERE " + string.Join(" AND ", words.Select((_, w) => $"text LIKE @p{w}"));
                var sw = Stopwatch.StartNew();
                connection.ExecuteScalar<long>(sql, parameters);
                like.Add(sw.Elapsed.TotalMilliseconds);
            }

        var trigram = "";
        if (options.Trigram)
        {
            var tri = new List<double>();
            foreach (var q in queries.Where(q => q.Length >= 3 && q.All(c => Han.IsCharacter(new Rune(c)))))
                for (var rep = 0; rep < options.Reps; rep++)
                {
                    var match = "\"" + ScriptConverter.FoldForSearch(q) + "\"";
                    var sw = Stopwatch.StartNew();
                    connection.ExecuteScalar<long>("SELECT COUNT(*) FROM bench_trigram WHERE bench_trigram MATCH @match", new { match });
                    connection.Query<long>("SELECT rowid FROM bench_trigram WHERE bench_trigram MATCH @match ORDER BY rank LIMIT 20", new { match }).AsList();
                    tri.Add(sw.Elapsed.TotalMilliseconds);
                }
            trigram = tri.Count == 0 ? " n/a (scan) |" : $" {Percentile(tri, 50):0.0} / {Percentile(tri, 95):0.0} |";
        }

        var speedup = Percentile(like, 50) / Percentile(fts, 50);
        rows.Add($"| {name} | {queries.Count} | {Percentile(hits.Select(h => (double)h).ToList(), 50):N0} | {hits.Count(h => h > SearchStore.DefaultExactUpTo)} | " +
                 $"{Percentile(fts, 50):0.0} | {Percentile(fts, 95):0.0} | {Percentile(countingAll, 50):0.0} / {Percentile(countingAll, 95):0.0} | {Percentile(counting, 50):0.0} / {Percentile(core, 50):0.0} / {Percentile(core, 95):0.0} | {Percentile(like, 50):0.0} | {Percentile(like, 95):0.0} | {speedup:0}× |{trigram}");
    }

    var sqliteVersion = connection.ExecuteScalar<string>("SELECT sqlite_version()");
    Console.WriteLine($"## Search benchmark: {sectionCount:N0} sections");
    Console.WriteLine();
    Console.WriteLine($"- machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, SQLite {sqliteVersion}");
    Console.WriteLine($"- load average while timing (shared machine): {startLoad} at the start, {LoadAverage()} at the end");
    Console.WriteLine($"- seed {options.Seed}; {sentences.Count} seed sentences recombined; {textChars / 1e6:0.0} M characters of section text");
    if (reuse)
        Console.WriteLine($"- archive reused from an earlier run (--reuse): database {sizeWithIndex / 1e6:0.0} MB with the index");
    else
    {
        Console.WriteLine($"- generating the synthetic files and importing them (ArchiveImporter, index included): {generate.TotalSeconds:0.0} s");
        Console.WriteLine($"- index build (SearchIndexWriter.Rebuild, one transaction, segments merged incrementally): {build.TotalSeconds:0.0} s" +
                          (options.Optimize ? "; then merged into one segment per table ('optimize', --optimize)" : ""));
        Console.WriteLine($"- database size: {sizeWithoutIndex / 1e6:0.0} MB without the index, {sizeWithIndex / 1e6:0.0} MB with it (index {(sizeWithIndex - sizeWithoutIndex) / 1e6:0.0} MB)");
    }
    if (trigramBuild is { } tb)
        Console.WriteLine($"- trigram comparison index (contentless, same folded text): built in {tb.TotalSeconds:0.0} s, " +
            (reuse ? "size not measured on a reused archive (it rebuilt the table in freed pages)" : $"{trigramBytes / 1e6:0.0} MB"));
    Console.WriteLine($"- search: SearchStore.Search as the page calls it (hits counted up to {SearchStore.DefaultExactUpTo:N0}, first page of 20, best paragraph and snippet of each), {options.Reps} runs per query; count all: the same with every hit counted (CountAll)");
    Console.WriteLine($"- LIKE: SELECT COUNT(*) … WHERE text LIKE '%q%' over the folded text of each section, {options.LikeReps} run(s) per query");
    Console.WriteLine();
    Console.WriteLine("| query class | queries | median hits | queries past the exact limit | search p50 ms | search p95 ms | search, count all p50 / p95 ms | index only: count all p50 / count+rank all p50 / p95 ms | LIKE p50 ms | LIKE p95 ms | speed-up (p50) |" + (options.Trigram ? " trigram p50 / p95 ms |" : ""));
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + (options.Trigram ? "---:|" : ""));
    foreach (var row in rows) Console.WriteLine(row);
    Console.WriteLine();
    Console.WriteLine("Slowest queries (search, worst of the runs):");
    foreach (var line in slowestQueries) Console.WriteLine(line);
    Console.WriteLine();
    foreach (var (name, queries) in classes)
        Console.WriteLine($"- {name} queries: {string.Join(" ", queries.Take(12))} …");
}

void Import(string[] inputs)
{
    var (request, problems) = ImportInputs.Gather(db, inputs);
    if (request is null)
        throw new InvalidOperationException(string.Join("\n", problems));
    var import = new ArchiveImporter(ArticlePipeline.Create()).Import(request);
    if (!import.Succeeded)
        throw new InvalidOperationException(string.Join("\n", import.Problems));
}

static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql)
{
    var command = connection.CreateCommand();
    command.Transaction = tx;
    command.CommandText = sql;
    return command;
}

static long Exec(SqliteCommand command, params (string Name, object Value)[] values)
{
    command.Parameters.Clear();
    foreach (var (name, value) in values)
        command.Parameters.AddWithValue(name, value);
    return command.ExecuteScalar() is long id ? id : 0;
}

static void BuildScanTable(SqliteConnection connection)
{
    using var tx = connection.BeginTransaction();
    connection.Execute("CREATE TABLE bench_scan (id INTEGER PRIMARY KEY, text TEXT NOT NULL)", transaction: tx);
    var rows = connection.Query<(long Id, string? Heading, string Body)>("""
        SELECT s.id, s.heading, (SELECT group_concat(text, char(10)) FROM (SELECT text FROM paragraphs p WHERE p.section_id = s.id ORDER BY p.ordinal))
        FROM sections s
        """, transaction: tx);
    using var insert = Command(connection, tx, "INSERT INTO bench_scan (id, text) VALUES ($id, $text)");
    foreach (var (id, heading, body) in rows)
        Exec(insert, ("$id", id), ("$text", ScriptConverter.FoldForSearch((heading ?? "") + "\n" + body)));
    tx.Commit();
}

/// <summary>Distinct runs of min..max consecutive Han characters from random places in the seed text.</summary>
static List<string> SampleRuns(List<string> paragraphs, Random random, int min, int max, int count)
{
    var runs = new List<string>();
    for (var attempt = 0; runs.Count < count && attempt < 100_000; attempt++)
    {
        var text = Pick(random, paragraphs);
        var length = random.Next(min, max + 1);
        if (text.Length < length) continue;
        var start = random.Next(0, text.Length - length + 1);
        var run = text.Substring(start, length);
        if (run.All(c => Han.IsCharacter(new Rune(c))) && !runs.Contains(run))
            runs.Add(run);
    }
    return runs;
}

static T Pick<T>(Random random, List<T> items) => items[random.Next(items.Count)];

// The index's pages, from SQLite's dbstat table; the SQLite that Microsoft.Data.Sqlite 11 bundles is
// built without it, and then the FTS5 tables' own blocks are summed instead (a little less: no page overhead).
static long IndexBytes(SqliteConnection connection)
{
    try
    {
        return connection.ExecuteScalar<long>("SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE 'search_%'");
    }
    catch (SqliteException)
    {
        return connection.ExecuteScalar<long>("""
            SELECT (SELECT COALESCE(SUM(length(block)), 0) FROM search_sections_data)
                 + (SELECT COALESCE(SUM(length(block)), 0) FROM search_headings_data)
            """);
    }
}

static void Checkpoint(SqliteConnection connection) => connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");

static long DatabaseBytes(SqliteConnection connection) =>
    connection.ExecuteScalar<long>("PRAGMA page_count") * connection.ExecuteScalar<long>("PRAGMA page_size");

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static double Percentile(List<double> values, int percentile)
{
    if (values.Count == 0) return double.NaN;
    var sorted = values.Order().ToList();
    var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
}

/// <summary>Prints each statement a search runs, with its time (ReadSession logs them at Trace).</summary>
sealed class StatementLog : Microsoft.Extensions.Logging.ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool Enabled { get; set; }
    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => Enabled;
    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
        Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (Enabled)
            Console.WriteLine("  " + string.Join(" ", formatter(state, exception).Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())));
    }
}

sealed record Options(int Sections, int Seed, int Queries, int Reps, int LikeReps, bool Trigram, string? Keep, bool Reuse, string? Explain, bool Optimize = false)
{
    public static Options Parse(string[] args)
    {
        var o = new Options(100_000, 20250301, 30, 5, 1, false, null, false, null);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--sections" => o with { Sections = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => o with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--queries" => o with { Queries = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--reps" => o with { Reps = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--like-reps" => o with { LikeReps = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--trigram" => o with { Trigram = true },
                "--keep" => o with { Keep = Next() },
                "--reuse" => o with { Reuse = true },
                "--explain" => o with { Explain = Next() },
                "--optimize" => o with { Optimize = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return o;
    }
}
