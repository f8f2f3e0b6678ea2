using PolicyNews.Archive.Chinese;

namespace PolicyNews.Tests.Chinese;

public class EmbeddedTablesTests
{
    [Theory]
    [InlineData("variants.tsv")]
    [InlineData("readings.tsv")]
    [InlineData("frequency.tsv")]
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
    public void TablesLoadOnceUnderConcurrentFirstUse()
    {
        var results = Enumerable.Range(0, 16).AsParallel()
            .Select(_ => ScriptConverter.ToTraditional("发展") + CharacterFrequency.Score('的') + PinyinReadings.Of('的')[0])
            .Distinct()
            .ToList();
        Assert.Single(results);
    }
}
