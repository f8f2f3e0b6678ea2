using Microsoft.AspNetCore.Diagnostics;

namespace PolicyNews.Web.Hosting;

/// <summary>
/// The portal only reads, so every URL — page, feed, API, static file or unknown path — answers
/// GET and HEAD and nothing else. Any other method gets 405 with <c>Allow</c> (turned into the
/// error page or problem JSON by <see cref="ErrorResponses"/>); OPTIONS gets 204 with <c>Allow</c>,
/// the answer RFC 9110 §9.3.7 describes. Decided once, before routing (static assets included), so no new
/// endpoint can forget it and no page model runs for a method it was not written for (a TRACE once
/// rendered article pages without their model: a 500).
/// </summary>
/// <remarks>
/// A CORS preflight is an OPTIONS too: it gets the same 204 without any Access-Control-Allow-*
/// header, so browsers still refuse cross-origin calls, as before.
/// </remarks>
public static class ReadOnlyMethods
{
    public const string Allow = "GET, HEAD, OPTIONS";

    static readonly string[] Served = [HttpMethods.Get, HttpMethods.Head];

    public static IApplicationBuilder UseReadOnlyMethods(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var method = context.Request.Method;
        // An error page re-executed for a refused request keeps that request's method: let it render.
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || IsErrorPage(context))
            return next(context);

        context.Response.Headers.Allow = Allow;
        context.Response.StatusCode = HttpMethods.IsOptions(method) ? StatusCodes.Status204NoContent : StatusCodes.Status405MethodNotAllowed;
        return Task.CompletedTask;
    });

    /// <summary>A minimal endpoint that answers HEAD like GET (MapGet alone answers HEAD with 405); the server sends no body for HEAD.</summary>
    public static RouteHandlerBuilder MapGetAndHead(this IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, Served, handler);

    static bool IsErrorPage(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;
}
