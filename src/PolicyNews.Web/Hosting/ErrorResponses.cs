using Microsoft.AspNetCore.Diagnostics;

namespace PolicyNews.Web.Hosting;

/// <summary>
/// What an error looks like. Pages: the error page (Pages/Errors/Status), re-executed with the
/// failed request's method, for every status without a body of its own — 404, 405, 429, 503 (a
/// time limit) and any exception (500). /api/*: RFC 9457 problem details
/// (<c>application/problem+json</c> with type, title, status and detail) for the same statuses.
/// </summary>
public static class ErrorResponses
{
    public static WebApplication UseErrorResponses(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/errors/500", StatusCodeSelector = StatusFor });
        app.UseStatusCodePagesWithReExecute("/errors/{0}");
        // Inside the two above, so an API error is answered here first; a response with a body is left alone by them.
        app.UseWhen(context => IsApi(context.Request), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor, ExceptionHandler = context => Problems.Write(context, context.Response.StatusCode) });
            api.UseStatusCodePages(context => Problems.Write(context.HttpContext, context.HttpContext.Response.StatusCode));
        });
        return app;
    }

    static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    // A request stopped by cancellation that the time-limit middleware did not answer itself is a 503
    // too: the output cache hands one request's cancelled render to the identical requests that were
    // waiting for it (their own limits had not passed, so RequestTimeouts lets the exception through);
    // seen as a 500 in the two-node demonstration. Anything else that escapes is the server's fault.
    static int StatusFor(Exception exception) =>
        exception is OperationCanceledException ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
}

/// <summary>RFC 9457 problem details for the API: one type, title and default detail per status the portal answers.</summary>
public static class Problems
{
    static readonly Dictionary<int, (string Type, string Title, string Detail)> Known = new()
    {
        [400] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1", "Bad Request", "The request has a parameter the API does not understand."),
        [404] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5", "Not Found", "The API has nothing at this path."),
        [405] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6", "Method Not Allowed", $"The API only reads: it answers {ReadOnlyMethods.Allow}."),
        [429] = ("https://www.rfc-editor.org/rfc/rfc6585#section-4", "Too Many Requests", "Too many requests from this address; wait for the time in Retry-After."),
        [500] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1", "Internal Server Error", "The server could not complete this request."),
        [503] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4", "Service Unavailable", "The request took longer than its time limit and was stopped; a narrower search may finish in time."),
    };

    /// <summary>The problem as a result, for an endpoint to return (e.g. 404 for an unknown article, 400 for a bad parameter).</summary>
    public static IResult Result(int status, string? detail = null)
    {
        var (type, title, fallback) = Known.TryGetValue(status, out var known) ? known
            : ("about:blank", ReasonPhrase(status), ReasonPhrase(status));
        return Results.Problem(detail ?? fallback, statusCode: status, title: title, type: type);
    }

    public static Task Write(HttpContext context, int status, string? detail = null) => Result(status, detail).ExecuteAsync(context);

    static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
