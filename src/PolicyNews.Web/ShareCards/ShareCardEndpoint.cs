using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.ShareCards;

/// <summary>
/// <c>/articles/{slug}/card-hant.png</c> and <c>card-hans.png</c>: the share card in each script. The
/// script is in the path, not the reader's cookie, so a crawler's fetch sets no cookie and every card is
/// kept in the output cache until the next import changes the generation (<see cref="CachedAs"/>).
/// Without a CJK font (<see cref="CardFonts.Available"/>) the cards are 404 and the pages name none.
/// </summary>
public static class ShareCardEndpoint
{
    public static IServiceCollection AddShareCards(this IServiceCollection services, IConfiguration configuration) => services
        .Configure<ShareCardSettings>(configuration.GetSection(ShareCardSettings.SectionName))
        .AddSingleton<CardFonts>();

    public static IEndpointRouteBuilder MapShareCards(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead("/articles/{slug}/card-{script:regex(^(hant|hans)$)}.png",
            (string slug, string script, ArticleStore articles, CardFonts fonts, CancellationToken aborted) =>
            {
                if (!fonts.Available || articles.GetArticle(slug, aborted) is not { } a)
                    return Results.NotFound();
                var inScript = script == DisplayPreferences.ScriptName(Script.Simplified) ? Script.Simplified : Script.Traditional;
                string Text(string s) => DisplayPreferences.In(inScript, s);
                var byline = string.Join(" · ", new[] { a.Source, a.Published is null ? null : Dates.Display(a.Published) }.OfType<string>());
                var png = ShareCard.Png(inScript == Script.Simplified ? fonts.Simplified! : fonts.Traditional!, Text(a.Title), byline.Length == 0 ? null : Text(byline), Text("PolicyNews 政策新聞檔案"));
                return Results.File(png, "image/png");
            })
            .CachedAs(Dependence.None);
        return app;
    }
}
