namespace PolicyNews.Web.Pages.Errors;

/// <summary>The page for any error status, reached by re-execution (UseStatusCodePagesWithReExecute, UseExceptionHandler).</summary>
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Handle(code);
    public void OnPost(int code) => Handle(code);

    void Handle(int code)
    {
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
    }
}
