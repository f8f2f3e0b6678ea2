using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PolicyNews.Archive.Import;

namespace PolicyNews.Tests.Web;

/// <summary>Links shared before a re-import keep working: readable paths that a rewrite retired redirect to the text.</summary>
public sealed class MovedPathsTests : IDisposable
{
    readonly SmallArchive archive = new(followProvider: true);

    public void Dispose() => archive.Dispose();

    void Import(string slug, string text)
    {
        var result = archive.Import([archive.Write("story.txt", text)],
            new Dictionary<string, ArticleMetadata> { ["story.txt"] = new(slug, "故事", "中國科學報", "2025-03") });
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
    }

    HttpClient Portal(WebApplicationFactory<Program> factory) =>
        factory.WithWebHostBuilder(host =>
            {
                host.UseEnvironment("Production");
                foreach (var (key, value) in archive.PortalSettings)
                    host.UseSetting(key, value);
            })
            .CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task PathsRetiredByAReimportRedirectToWhereTheTextIsNow()
    {
        Import("story", "導語。\n為什麼成功\n第一節的內容。\n下一步\n第二節的內容。\n");
        // The editor renames the article and a heading, and inserts a section before the others.
        Import("our-story", "導語。\n新的開始\n新的內容。\n為什麼成功\n第一節的內容。\n下一步怎麼走\n第二節的內容。\n");

        using var factory = new WebApplicationFactory<Program>();
        var client = Portal(factory);

        async Task<(HttpStatusCode, string?)> Get(string path)
        {
            using var response = await client.GetAsync(path);
            return (response.StatusCode, response.Headers.Location?.OriginalString);
        }

        Assert.Equal((HttpStatusCode.MovedPermanently, "/articles/our-story?script=hans"), await Get("/articles/story?script=hans"));
        Assert.Equal((HttpStatusCode.MovedPermanently, "/articles/our-story/wei-shen-me-cheng-gong"),
            await Get("/articles/story/wei-shen-me-cheng-gong"));
        // A renamed heading is a different section: its old path leads to the article.
        Assert.Equal((HttpStatusCode.MovedPermanently, "/articles/our-story"), await Get("/articles/story/xia-yi-bu"));
        // Permalinks handed out before the rename still lead to their section.
        Assert.Equal((HttpStatusCode.Redirect, "/articles/our-story/wei-shen-me-cheng-gong"), await Get("/s/" + Slugs.SectionId("story", "為什麼成功")));
        // Inserting a section renamed no other path, and paths that never existed are still 404.
        Assert.Equal((HttpStatusCode.OK, null), await Get("/articles/our-story/wei-shen-me-cheng-gong"));
        Assert.Equal((HttpStatusCode.NotFound, null), await Get("/articles/story/no-such-section"));
    }

    [Fact]
    public async Task APathThatIsLiveAgainShowsTheLivePage()
    {
        Import("story", "導語。\n為什麼成功\n內容。\n");
        Import("our-story", "導語。\n為什麼成功\n內容。\n");
        Import("story", "導語。\n為什麼成功\n內容。\n");   // renamed back

        using var factory = new WebApplicationFactory<Program>();
        using var response = await Portal(factory).GetAsync("/articles/story/wei-shen-me-cheng-gong");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
