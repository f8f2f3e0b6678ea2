using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PolicyNews.BrowserTests;

/// <summary>
/// axe-core on every page type, light and dark. Deque.AxeCore.Playwright embeds the axe-core npm
/// package and injects it into the page. Every violation is printed; serious or critical ones fail.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AccessibilityAudit(PortalFixture portal, ITestOutputHelper output)
{
    [BrowserTheory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task EveryPageTypeHasNoSeriousOrCriticalAxeViolations(string scheme)
    {
        await using var s = await portal.NewSessionAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 800 },
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        var page = s.Page;
        var site = await SitePages.DiscoverAsync(page);
        var failures = new List<string>();

        foreach (var (name, path) in site.All)
        {
            var response = await page.GotoAsync(path);
            var result = await page.RunAxe();
            output.WriteLine($"== {name} ({path}, {scheme}, HTTP {response?.Status}): {result.Violations.Length} violation(s), {result.Passes.Length} rules passed, axe {result.TestEngine?.Version}");
            foreach (var v in result.Violations)
            {
                output.WriteLine($"  [{v.Impact}] {v.Id}: {v.Help} ({v.HelpUrl})");
                foreach (var node in v.Nodes)
                    output.WriteLine($"      {node.Target}  {Shorten(string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message)))}");
                if (v.Impact is "serious" or "critical")
                    failures.Add($"{name} ({scheme}): [{v.Impact}] {v.Id} on {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}");
            }
        }
        Assert.True(failures.Count == 0, "serious or critical axe violations:\n" + string.Join("\n", failures));
    }

    private static string Shorten(string? text) =>
        text is null ? "" : text.ReplaceLineEndings(" ").Length > 200 ? text.ReplaceLineEndings(" ")[..200] + "…" : text.ReplaceLineEndings(" ");
}
