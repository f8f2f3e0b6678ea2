using System.Net.Http.Headers;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using PolicyNews.Tests.Search;
using PolicyNews.Web.ShareCards;
using SkiaSharp;

namespace PolicyNews.Tests.Web;

/// <summary>
/// The share card an article page names as og:image: a PNG of the right size with the title drawn
/// in it, one per script, kept until the next import; none named and none served without a CJK font.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ShareCardTests(PortalFixture portal)
{
    const string Report = SeedArchive.Replicated;

    [CjkFontTheory]
    [InlineData($"/articles/{Report}", "/card-hant.png")]
    [InlineData($"/articles/{Report}?script=hans", "/card-hans.png")]
    [InlineData($"/articles/{Report}/lead", "/card-hant.png")]
    public async Task AnArticlePageNamesItsCardAndTheCardIsATitledPng(string pageUrl, string cardName)
    {
        var page = await portal.Page(pageUrl);
        var image = new Uri(Property(page, "og:image")!);
        Assert.Equal($"/articles/{Report}{cardName}", image.AbsolutePath);
        Assert.Equal("summary_large_image", page.QuerySelector("meta[name='twitter:card']")?.GetAttribute("content"));

        using var response = await portal.Client().GetAsync(image.PathAndQuery);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((ShareCard.Width, ShareCard.Height), (bitmap.Width, bitmap.Height));
        Assert.Equal(Property(page, "og:image:width"), $"{bitmap.Width}");
        // The title is drawn: dark ink covers a good part of the band where it stands.
        Assert.InRange(InkShare(bitmap, top: 130, bottom: 420), 0.03, 0.6);
    }

    [CjkFontFact]
    public async Task EachScriptHasItsOwnCardAndACardIsRevalidatedByImportGeneration()
    {
        var client = portal.Client();
        using var traditional = await client.GetAsync($"/articles/{Report}/card-hant.png");
        using var simplified = await client.GetAsync($"/articles/{Report}/card-hans.png");
        Assert.NotEqual(await traditional.Content.ReadAsByteArrayAsync(), await simplified.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(traditional.Headers, h => h.Key == "Set-Cookie");   // so the output cache keeps it

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/articles/{Report}/card-hant.png");
        again.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(traditional.Headers.ETag!.ToString()));
        using var revalidated = await client.SendAsync(again);
        Assert.Equal(304, (int)revalidated.StatusCode);
    }

    [Theory]
    [InlineData("/articles/no-such-article/card-hant.png")]
    [InlineData($"/articles/{Report}/card-latn.png")]
    public async Task CardsOfUnknownArticlesOrScriptsAreNotFound(string url)
    {
        using var response = await portal.Client().GetAsync(url);

        Assert.Equal(404, (int)response.StatusCode);
    }

    static string? Property(IDocument page, string name) => page.QuerySelector($"meta[property='{name}']")?.GetAttribute("content");

    static double InkShare(SKBitmap bitmap, int top, int bottom)
    {
        var dark = 0;
        for (var y = top; y < bottom; y++)
            for (var x = 0; x < bitmap.Width; x++)
                if (bitmap.GetPixel(x, y) is var c && c.Red + c.Green + c.Blue < 200)
                    dark++;
        return dark / (double)(bitmap.Width * (bottom - top));
    }
}

/// <summary>The portal on a machine without a CJK font: ShareCards:Fonts names an empty folder.</summary>
public sealed class NoFontPortal : PortalFixture
{
    static readonly TempFolder Empty = new();
    public NoFontPortal() : base(("ShareCards:Fonts", Empty.Path)) { }
}

public sealed class ShareCardWithoutFontTests(NoFontPortal portal) : IClassFixture<NoFontPortal>
{
    [Fact]
    public async Task WithoutACjkFontPagesNameNoCardAndCardsAreNotFound()
    {
        var page = await portal.Page($"/articles/{SeedArchive.Replicated}");
        Assert.Null(page.QuerySelector("meta[property='og:image']"));
        Assert.NotNull(page.QuerySelector("meta[name=citation_title]"));   // the rest of the page's metadata stays

        using var card = await portal.Client().GetAsync($"/articles/{SeedArchive.Replicated}/card-hant.png");
        Assert.Equal(404, (int)card.StatusCode);
    }
}

/// <summary>Where the tests find a CJK font: the portal's own default search (fonts-noto-cjk on Debian).</summary>
static class CjkFont
{
    public static string? Missing { get; } = FindMissing();

    static string? FindMissing()
    {
        var services = new ServiceCollection().AddLogging().AddShareCards(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).BuildServiceProvider();
        using var fonts = services.GetRequiredService<CardFonts>();
        return fonts.Available ? null : "no CJK font under /usr/share/fonts: apt-get install fonts-noto-cjk";
    }
}

public sealed class CjkFontFactAttribute : FactAttribute
{
    public CjkFontFactAttribute() { if (CjkFont.Missing is { } missing) Skip = missing; }
}

public sealed class CjkFontTheoryAttribute : TheoryAttribute
{
    public CjkFontTheoryAttribute() { if (CjkFont.Missing is { } missing) Skip = missing; }
}
