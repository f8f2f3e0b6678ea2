using System.Diagnostics;
using PolicyNews.Archive.Chinese;
using PolicyNews.Tests;
using Xunit.Abstractions;

namespace PolicyNews.Tests.Chinese;

public class PhraseConverterTests(ITestOutputHelper output)
{
    private static PhraseConverter Converter(params (string Key, string Value)[] entries) =>
        new(entries.Select(e => KeyValuePair.Create(e.Key, e.Value)));

    [Fact]
    public void PrefersTheLongestWordAtEachPosition()
    {
        var converter = Converter(("覆", "复"), ("覆蓋", "覆盖"), ("蓋", "盖"), ("反覆", "反复"));
        Assert.Equal("覆盖 反复 复", converter.Convert("覆蓋 反覆 覆"));
    }

    [Fact]
    public void MatchesFromTheLeftSoAnEarlierWordWins()
    {
        // 人才 is matched first and keeps 才 out of 才有; without it 才有 would take 才.
        var converter = Converter(("人才", "人才"), ("才有", "纔有"));
        Assert.Equal("人才有", converter.Convert("人才有"));
        Assert.Equal("他纔有", converter.Convert("他才有"));
    }

    [Fact]
    public void ReadsKeyOnlyRowsAsWordsConvertedCharacterByCharacter()
    {
        var converter = PhraseConverter.FromRows([["才", "纔"], ["有", "有"], ["才有"], ["人才", "人才"]]);
        Assert.Equal("纔有", converter.Convert("才有"));
        Assert.Equal("人才", converter.Convert("人才"));
    }

    [Fact]
    public void HandlesCharactersOutsideTheBasicPlaneAndLoneSurrogates()
    {
        var converter = Converter(("\U000217B5", "㛟"), ("國", "国"));
        Assert.Equal("㛟国\uD800国", converter.Convert("\U000217B5國\uD800國"));
    }

    [Fact]
    public void ReturnsTheSameStringWhenNothingMatches()
    {
        const string text = "OpenAI 2025";
        Assert.Same(text, Converter(("國", "国")).Convert(text));
        Assert.Equal("", Converter(("國", "国")).Convert(""));
    }

    [Fact]
    public void RejectsKeysItCannotIndex() =>
        Assert.Throws<ArgumentException>(() => Converter((new string('國', PhraseConverter.MaxKeyLength + 1), "")));

    /// <summary>
    /// Not a timed test: prints how long conversion takes on the two seed articles (Traditional
    /// with some mojibake), so a change that slows the page render shows up in the test output
    /// (dotnet test --logger "console;verbosity=detailed").
    /// </summary>
    [Fact]
    public void ReportsConversionSpeed()
    {
        var text = string.Concat(Directory.GetFiles(Repository.Seeds, "*.txt").Order().Select(File.ReadAllText));
        var start = Stopwatch.GetTimestamp();
        ScriptConverter.ToSimplified("國");
        ScriptConverter.ToTraditional("国");
        var load = Stopwatch.GetElapsedTime(start);

        var simplified = Measure(text, ScriptConverter.ToSimplified);
        var traditional = Measure(ScriptConverter.ToSimplified(text), ScriptConverter.ToTraditional);
        output.WriteLine($"Tables loaded in {load.TotalMilliseconds:F0} ms; {text.Length:N0} characters of seed text.");
        output.WriteLine($"ToSimplified {simplified:F3} ms per 10,000 characters; ToTraditional {traditional:F3} ms.");
        Assert.True(simplified > 0 && traditional > 0);
    }

    private static double Measure(string text, Func<string, string> convert)
    {
        const int rounds = 50;
        convert(text);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < rounds; i++) convert(text);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds / rounds / text.Length * 10_000;
    }
}
