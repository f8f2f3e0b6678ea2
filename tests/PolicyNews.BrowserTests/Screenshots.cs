using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PolicyNews.BrowserTests;

/// <summary>
/// Screenshots of every page type, desktop (1280×800) and phone (375×812), light and dark, written to
/// artifacts/screenshots/ as {page}-{size}-{scheme}.png (viewport) and …-full.png (whole page).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class Screenshots(PortalFixture portal, ITestOutputHelper output)
{
    [BrowserTheory]
    [InlineData("desktop", "light")]
    [InlineData("desktop", "dark")]
    [InlineData("phone", "light")]
    [InlineData("phone", "dark")]
    public async Task EveryPageTypeIsCaptured(string size, string scheme)
    {
        var phone = size == "phone";
        await using var s = await portal.NewSessionAsync(new()
        {
            ViewportSize = phone ? new() { Width = 375, Height = 812 } : new() { Width = 1280, Height = 800 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = 1,
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        var page = s.Page;
        var site = await SitePages.DiscoverAsync(page);
        Directory.CreateDirectory(portal.ScreenshotFolder);

        foreach (var (name, path) in site.All)
        {
            await page.GotoAsync(path);
            await page.EvaluateAsync("() => document.fonts.ready");
            var file = Path.Combine(portal.ScreenshotFolder, $"{name}-{size}-{scheme}.png");
            await page.ScreenshotAsync(new() { Path = file });
            await page.ScreenshotAsync(new() { Path = Path.ChangeExtension(file, null) + "-full.png", FullPage = true });
            Assert.True(new FileInfo(file).Length > 1000, $"{file} was written");
            output.WriteLine($"{name} {path} → {Path.GetRelativePath(Repository.Root, file)}");
        }
        Assert.Empty(s.Errors);
    }
}
