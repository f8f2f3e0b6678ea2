using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PolicyNews.Web.Pages.Errors;

/// <summary>
/// The page for any error status, reached only by re-execution (ErrorResponses): the status of the
/// failed request, or after an exception the status ErrorResponses chose for it (500; 503 for a cancelled request). Requested directly, /errors/{code} is a 404 like any
/// unknown page, so no one can make the site answer 500 on purpose.
/// </summary>
/// <remarks>
/// Re-execution keeps the failed request's method, so the page has no handler and does its work
/// in <see cref="OnPageHandlerExecuting"/>, which runs for every method; and it carries no form, so
/// it asks for no anti-forgery token (a POST once got 400 from that check instead of its 405).
/// </remarks>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    /// <summary>For 429: the seconds the client should wait, as <c>Retry-After</c> says.</summary>
    public string? RetryAfter { get; private set; }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        int? failed = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode
            ?? (HttpContext.Features.Get<IExceptionHandlerFeature>() is null ? null : Response.StatusCode);
        Code = failed is >= 400 and <= 599 ? failed.Value : StatusCodes.Status404NotFound;
        Response.StatusCode = Code;
        RetryAfter = Code == StatusCodes.Status429TooManyRequests ? Response.Headers.RetryAfter.ToString() : null;
    }
}
