using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PolicyNews.BrowserTests;

/// <summary>The reader's journeys through the real portal in Chromium, each a test.</summary>
[Collection(PortalCollection.Name)]
public sealed class Journeys(PortalFixture portal, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task J1HomeToArticleToTocEntrySetsFragmentAndScrollsHeadingIntoView()
    {
        await using var s = await portal.NewSessionAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = s.Page;
        await page.GotoAsync("/");
        await page.Locator(".article-card h2 a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/articles/[^/]+$"));

        var tocLinks = page.Locator("nav.toc a[href^='#']");
        Assert.True(await tocLinks.CountAsync() >= 2, "the article has a table of contents with at least two entries");
        var entry = tocLinks.Last;   // the last entry: the page must really scroll
        var fragment = (await entry.GetAttributeAsync("href"))!;
        await entry.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(fragment) + "$"));
        var heading = page.Locator($"section.article-section[id='{fragment[1..]}'] > h2");
        await Expect(heading).ToBeVisibleAsync();
        await Expect(heading).ToBeInViewportAsync();
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task J2CopyLinkOnAHeadingYieldsThePermalinkWhichOpensThatSection()
    {
        await using var s = await portal.NewSessionAsync(new() { Permissions = ["clipboard-read", "clipboard-write"] });
        var page = s.Page;
        await page.GotoAsync(SitePages.InnovationArticle);

        var section = page.Locator("section.article-section").Nth(1);
        var permalink = section.Locator("h2 a.permalink[data-copy]");
        var expected = (await permalink.GetAttributeAsync("data-copy"))!;
        var sectionPage = (await section.Locator("h2 a.section-page-link").GetAttributeAsync("href"))!;
        Assert.Matches($"^{Regex.Escape(portal.BaseUrl)}/s/[^/]+$", expected);

        await permalink.ClickAsync();
        await Expect(permalink).ToHaveTextAsync("已複製連結");
        Assert.EndsWith(SitePages.InnovationArticle, new Uri(page.Url).AbsolutePath);   // copied, not navigated
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(expected, copied);

        var opened = await s.Context.NewPageAsync();
        var response = await opened.GotoAsync(copied);
        Assert.Equal(200, response!.Status);
        Assert.Equal(sectionPage, new Uri(opened.Url).AbsolutePath);
        await Expect(opened.Locator("h1#section-title")).ToBeVisibleAsync();
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task J3SearchFromHeaderThenResultOpensTheSectionWithTheMatchHighlighted()
    {
        await using var s = await portal.NewSessionAsync();
        var page = s.Page;
        await page.GotoAsync("/");
        var box = page.Locator("form[role=search] input[name=q]#site-search");
        await box.FillAsync(SitePages.SearchTerm);
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/search\?q="));

        var hit = page.Locator("li.search-hit a.hit-link").First;
        await Expect(hit).ToBeVisibleAsync();
        var href = (await hit.GetAttributeAsync("href"))!;
        Assert.Matches(@"^/articles/[^/]+/[^/?#]+\?hl=[^#]+#.+$", href);
        await Expect(page.Locator("li.search-hit mark").First).ToBeVisibleAsync();

        await hit.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/articles/[^/]+/[^/?#]+\?hl=.+#.+$"));
        var fragment = new Uri(page.Url).Fragment[1..];
        var target = page.Locator($"[id='{Uri.UnescapeDataString(fragment)}']");
        await Expect(target).ToBeInViewportAsync();
        await Expect(target.Locator("mark").First).ToBeVisibleAsync();
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task J4TagChipThenTagPageThenASection()
    {
        await using var s = await portal.NewSessionAsync();
        var page = s.Page;
        await page.GotoAsync("/");
        var chip = page.Locator(".tag-chip").First;
        var tagHref = (await chip.GetAttributeAsync("href"))!;
        var tagName = (await chip.InnerTextAsync()).Trim();
        await chip.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(tagHref) + "$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(tagName);
        var sectionLink = page.Locator(".tagged-section h2 a").First;
        await sectionLink.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/articles/[^/]+/[^/?#]+$"));
        await Expect(page.Locator("h1#section-title")).ToBeVisibleAsync();
        await Expect(page.Locator("nav.breadcrumb")).ToBeVisibleAsync();
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task J5ScriptSwitchChangesTextAndSurvivesNavigationAndReloadAndPinyinShowsRuby()
    {
        await using var s = await portal.NewSessionAsync();
        var page = s.Page;
        await page.GotoAsync(SitePages.InnovationArticle);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hant");
        await Expect(page.Locator("h1")).ToContainTextAsync("創新");

        await page.Locator("a.switch-option[hreflang='zh-Hans']").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await Expect(page.Locator("h1")).ToContainTextAsync("创新");
        await Expect(page.Locator("h1")).Not.ToContainTextAsync("創新");

        // Navigation by a plain link (no query string): the cookie remembers the choice.
        // The header's first link is the whole archive, /articles.
        await page.Locator(".site-nav a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/articles$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        var card = page.Locator($".article-card h2 a[href='{SitePages.InnovationArticle}']");
        await Expect(card).ToContainTextAsync("创新");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("創新");
        await card.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("创新");

        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await Expect(page.Locator("h1")).ToContainTextAsync("创新");

        Assert.Equal(0, await page.Locator("main ruby").CountAsync());
        await page.Locator("a.pinyin-switch").ClickAsync();
        await Expect(page.Locator("a.pinyin-switch")).ToHaveClassAsync(new Regex(@"\bis-on\b"));
        await Expect(page.Locator("a.pinyin-switch")).ToHaveTextAsync("隐藏拼音");
        await Expect(page.Locator("main p ruby").First).ToBeVisibleAsync();
        Assert.True(await page.Locator("main p ruby rt").CountAsync() > 10, "paragraphs carry pinyin annotations");

        // Back to traditional script.
        await page.Locator("a.switch-option[hreflang='zh-Hant']").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hant");
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task J6KeyboardOnlySkipLinkTabOrderVisibleFocusAndSearchReachable()
    {
        await using var s = await portal.NewSessionAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = s.Page;
        await page.GotoAsync(SitePages.InnovationArticle);

        // The first Tab lands on the skip link, which becomes visible.
        await page.Keyboard.PressAsync("Tab");
        var first = await FocusedAsync(page);
        output.WriteLine($"Tab 1: {first}");
        Assert.True(first.IsSkipLink, $"first Tab focuses the skip link, not {first}");
        await Expect(page.Locator(".skip-link")).ToBeInViewportAsync();
        Assert.NotEqual("none", first.OutlineStyle);

        // Tab order: document order, every stop visible with a focus outline, the search box among the first stops.
        var stops = new List<Focused> { first };
        for (var i = 0; i < 14; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var f = await FocusedAsync(page);
            output.WriteLine($"Tab {i + 2}: {f}");
            stops.Add(f);
        }
        Assert.Contains(stops, f => f.Id == "site-search");
        Assert.All(stops, f => Assert.True(f.Visible, $"focused element is visible: {f}"));
        Assert.All(stops, f => Assert.True(f.OutlineStyle != "none", $"focus is visible (outline) on {f}"));
        Assert.All(stops, f => Assert.True(f.FollowsPrevious, $"tab order follows the document order at {f}"));
        Assert.True(stops.FindIndex(f => f.Id == "site-search") < stops.FindIndex(f => f.InMain),
            "the header (with the search box) comes before the main content");

        // The search box works from the keyboard.
        await page.ReloadAsync();
        for (var tabs = 0; (await FocusedAsync(page)).Id != "site-search"; tabs++)
        {
            Assert.True(tabs < 20, "the search box is reachable with Tab");
            await page.Keyboard.PressAsync("Tab");
        }
        await page.Keyboard.TypeAsync(SitePages.SearchTerm);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=" + Regex.Escape(Uri.EscapeDataString(SitePages.SearchTerm))));

        // Activating the skip link moves focus to <main>; the next Tab stays in the main content.
        await page.GotoAsync(SitePages.InnovationArticle);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Tab");
        var afterSkip = await FocusedAsync(page);
        output.WriteLine($"Tab after skip link: {afterSkip}");
        Assert.True(afterSkip.InMain, $"after the skip link, Tab goes into the main content, not {afterSkip}");
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task J7PhoneViewportHasNoHorizontalScrollingAndTheTocIsUsable()
    {
        await using var s = await portal.NewSessionAsync(new()
        {
            ViewportSize = new() { Width = 375, Height = 812 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        var page = s.Page;
        var site = await SitePages.DiscoverAsync(page);
        foreach (var (name, path) in site.All)
        {
            await page.GotoAsync(path);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            output.WriteLine($"{name} {path}: scrollWidth {width}");
            Assert.True(width <= 375, $"{name} ({path}) scrolls horizontally on a phone: scrollWidth {width} > 375");
        }

        await page.GotoAsync(SitePages.InnovationArticle);
        var entry = page.Locator("nav.toc a[href^='#']").Last;
        await Expect(entry).ToBeVisibleAsync();
        var box = (await entry.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 375, $"TOC entry fits the screen: x={box.X} width={box.Width}");
        var fragment = (await entry.GetAttributeAsync("href"))!;
        await entry.TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(fragment) + "$"));
        await Expect(page.Locator($"section.article-section[id='{fragment[1..]}'] > h2")).ToBeInViewportAsync();
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task J8WithoutJavascriptReadingNavigationAndSearchStillWork()
    {
        await using var s = await portal.NewSessionAsync(new() { JavaScriptEnabled = false });
        var page = s.Page;
        await page.GotoAsync("/");
        await page.Locator(".article-card h2 a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/articles/[^/]+$"));
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        Assert.True(await page.Locator("section.article-section p[id]").CountAsync() > 3, "the article's paragraphs are there");

        var entry = page.Locator("nav.toc a[href^='#']").Last;
        var fragment = (await entry.GetAttributeAsync("href"))!;
        await entry.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(fragment) + "$"));
        await Expect(page.Locator($"section.article-section[id='{fragment[1..]}'] > h2")).ToBeInViewportAsync();

        // Without JavaScript the permalink is a plain link to /s/{id}, which redirects to the section page.
        var section = page.Locator("section.article-section").Nth(1);
        var sectionPage = (await section.Locator("a.section-page-link").GetAttributeAsync("href"))!;
        await section.Locator("a.permalink").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(sectionPage) + "$"));
        await page.Locator("a[rel=next]").ClickAsync();
        await Expect(page.Locator("h1#section-title")).ToBeVisibleAsync();
        await page.Locator("a[rel=prev]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(sectionPage) + "$"));

        // The script switch is a link and a cookie: no script needed.
        await page.Locator("a.switch-option[hreflang='zh-Hans']").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");

        // The search form is a plain GET form; results are server-rendered links.
        await page.Locator("#site-search").FillAsync(SitePages.SearchTerm);
        await page.Locator("form[role=search] button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=" + Regex.Escape(Uri.EscapeDataString(SitePages.SearchTerm))));
        var hit = page.Locator("li.search-hit a.hit-link").First;
        await Expect(hit).ToBeVisibleAsync();
        await hit.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/articles/[^/]+/[^/?#]+\?hl=.+#.+$"));
        await Expect(page.Locator("main mark").First).ToBeVisibleAsync();
        Assert.Empty(s.Errors);
    }

    private sealed record Focused(string Tag, string Id, string Class, string Text, string OutlineStyle, bool Visible, bool InMain, bool FollowsPrevious, bool IsSkipLink)
    {
        public override string ToString() => $"<{Tag} id='{Id}' class='{Class}'> '{Text}' outline={OutlineStyle} visible={Visible} inMain={InMain}";
    }

    private static async Task<Focused> FocusedAsync(IPage page)
    {
        var r = await page.EvaluateAsync<Dictionary<string, object?>>("""
            () => {
              const el = document.activeElement;
              const rect = el.getBoundingClientRect();
              const prev = window.__lastFocused;
              const follows = !prev || !prev.isConnected || !!(prev.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
              window.__lastFocused = el;
              return {
                tag: el.tagName.toLowerCase(), id: el.id || '', cls: el.className || '',
                text: (el.innerText || el.value || '').trim().slice(0, 30),
                outline: getComputedStyle(el).outlineStyle,
                visible: rect.width > 0 && rect.height > 0,
                inMain: !!el.closest('main'),
                follows,
                skip: el.matches('.skip-link'),
              };
            }
            """);
        string Str(string k) => r[k]?.ToString() ?? "";
        bool Bool(string k) => r[k] is bool b ? b : bool.Parse(r[k]!.ToString()!);
        return new Focused(Str("tag"), Str("id"), Str("cls"), Str("text"), Str("outline"), Bool("visible"), Bool("inMain"), Bool("follows"), Bool("skip"));
    }
}
