using System.Reflection;
using System.Runtime.Loader;
using PolicyNews.Archive.Chinese;

namespace PolicyNews.Tests.Chinese;

public class EmbeddedTablesTests
{
    [Theory]
    [InlineData("variants.tsv")]
    [InlineData("readings.tsv")]
    [InlineData("frequency.tsv")]
    [InlineData("t2s.tsv")]
    [InlineData("s2t.tsv")]
    [InlineData("t2tw.tsv")]
    [InlineData("fold.tsv")]
    public void GeneratedTablesAreEmbeddedInTheArchiveAssembly(string fileName)
    {
        var assembly = typeof(ScriptConverter).Assembly;
        using var stream = assembly.GetManifestResourceStream("PolicyNews.Archive.Chinese.Data." + fileName);
        Assert.NotNull(stream);
        Assert.True(stream.Length > 10_000, $"{fileName} is only {stream.Length} bytes");
    }

    [Fact]
    public void TablesLoadWithoutTheSourceTree()
    {
        // Nothing next to the test binaries: the data can only come from the assembly itself.
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "Chinese", "Data")));
        Assert.Equal("国", ScriptConverter.ToSimplified("國"));
        Assert.NotEmpty(PinyinReadings.Of('国'));
        Assert.True(CharacterFrequency.Score('国') > 0);
    }

    [Fact]
    public async Task TablesLoadOnceUnderConcurrentFirstUse()
    {
        // A fresh copy of the library, so that its tables are first used here, by every thread at
        // once, whatever other tests have already loaded in this process.
        var context = new AssemblyLoadContext(nameof(TablesLoadOnceUnderConcurrentFirstUse), isCollectible: true);
        try
        {
            var library = context.LoadFromAssemblyPath(typeof(ScriptConverter).Assembly.Location);
            var toTraditional = Chinese<Func<string, string>>(library, nameof(ScriptConverter), nameof(ScriptConverter.ToTraditional));
            var score = Chinese<Func<int, int>>(library, nameof(CharacterFrequency), nameof(CharacterFrequency.Score));
            var toSimplified = Chinese<Func<string, string>>(library, nameof(ScriptConverter), nameof(ScriptConverter.ToSimplified));
            var fold = Chinese<Func<string, string>>(library, nameof(VariantFolding), nameof(VariantFolding.Fold));
            var readings = Chinese<Func<int, IReadOnlyList<string>>>(library, nameof(PinyinReadings), nameof(PinyinReadings.Of));
            var readCount = Chinese<Func<string, int>>(library, "EmbeddedTable", "ReadCount");

            const int threads = 16;
            using var start = new Barrier(threads);
            var uses = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                return toTraditional("发展") + toSimplified("隨著") + fold("週") + score('的') + readings('的')[0];
            }, TaskCreationOptions.LongRunning));
            var results = await Task.WhenAll(uses);

            Assert.Single(results.Distinct());
            Assert.All(["s2t.tsv", "t2s.tsv", "fold.tsv", "readings.tsv", "frequency.tsv"], table => Assert.Equal(1, readCount(table)));
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>A static method of a PolicyNews.Archive.Chinese type in the given copy of the library.</summary>
    static T Chinese<T>(Assembly library, string type, string method) where T : Delegate
    {
        var parameters = typeof(T).GetMethod("Invoke")!.GetParameters().Select(p => p.ParameterType).ToArray();
        return library.GetType("PolicyNews.Archive.Chinese." + type, throwOnError: true)!
            .GetMethod(method, BindingFlags.Public | BindingFlags.Static, parameters)!
            .CreateDelegate<T>();
    }
}
