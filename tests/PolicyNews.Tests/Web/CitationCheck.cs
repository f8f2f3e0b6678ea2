using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace PolicyNews.Tests.Web;

/// <summary>
/// tools/citation-check: Citation.js (BibTeX, biblatex, RIS and CSL-JSON readers, citeproc-js) run
/// by Node on a file the portal served, returning what it read as CSL-JSON. No NuGet package parses
/// BibTeX or RIS, so the real parsers come from npm (`npm ci --prefix tools/citation-check`, which
/// .ci/run does). Without Node or those packages the tests that use it are reported as skipped.
/// </summary>
public static class CitationCheck
{
    static readonly string Folder = Path.Combine(Repository.Root, "tools", "citation-check");

    public static string? Missing { get; } = FindMissing();

    static string? FindMissing()
    {
        if (!Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(dir => File.Exists(Path.Combine(dir, "node"))))
            return "node not found: apt-get install nodejs npm, then npm ci --prefix tools/citation-check";
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "@citation-js")))
            return "Citation.js not installed: npm ci --prefix tools/citation-check";
        return null;
    }

    // One Node process for the whole test run, asked one file at a time (Citation.js takes ~2 s of CPU to load).
    static readonly Lazy<Process> Node = new(() => Process.Start(new ProcessStartInfo("node", [Path.Combine(Folder, "check.mjs")])
    {
        RedirectStandardInput = true, RedirectStandardOutput = true, WorkingDirectory = Folder,
        StandardInputEncoding = new UTF8Encoding(false), StandardOutputEncoding = Encoding.UTF8,
    })!);
    static readonly SemaphoreSlim OneAtATime = new(1);

    /// <summary>What the parser read from <paramref name="content"/>: CSL-JSON items and citeproc-js's APA entry; fails the test with the parser's complaint.</summary>
    public static async Task<(JsonElement Items, string Apa)> ReadAsync(string parser, string content)
    {
        string? line;
        await OneAtATime.WaitAsync();
        try
        {
            await Node.Value.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new { parser, text = content }));
            await Node.Value.StandardInput.FlushAsync();
            line = await Node.Value.StandardOutput.ReadLineAsync();
        }
        finally
        {
            OneAtATime.Release();
        }
        Assert.True(line is not null, "tools/citation-check/check.mjs ended without answering");
        var answer = JsonDocument.Parse(line).RootElement;
        Assert.True(answer.GetProperty("ok").GetBoolean(), $"Citation.js ({parser}) refused the file:\n{(answer.TryGetProperty("error", out var e) ? e.GetString() : "")}\n--- file ---\n{content}");
        return (answer.GetProperty("items"), answer.GetProperty("apa").GetString()!);
    }
}

/// <summary>A test that needs <see cref="CitationCheck"/>: skipped, saying what to install, when it is missing.</summary>
public sealed class CitationCheckTheoryAttribute : TheoryAttribute
{
    public CitationCheckTheoryAttribute()
    {
        if (CitationCheck.Missing is { } missing) Skip = missing;
    }
}
