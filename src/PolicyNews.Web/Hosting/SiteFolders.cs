namespace PolicyNews.Web.Hosting;

/// <summary>
/// Where the site's own files are: <c>wwwroot/</c> (static assets) and <c>docs/</c> (Markdown pages),
/// both at the top of the repository (or of /app in the container). Found from the working
/// directory first; failing that, by walking up from the assembly to the folder holding
/// <c>wwwroot/</c> — which is how the test host, running in tests/…/bin, finds them.
/// </summary>
public sealed record SiteFolders(string Root)
{
    public string WebRoot => Path.Combine(Root, "wwwroot");
    public string Docs => Path.Combine(Root, "docs");

    public static SiteFolders Locate()
    {
        var cwd = Directory.GetCurrentDirectory();
        if (Directory.Exists(Path.Combine(cwd, "wwwroot")))
            return new SiteFolders(cwd);

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "wwwroot")) && Directory.Exists(Path.Combine(dir.FullName, "docs")))
                return new SiteFolders(dir.FullName);

        // Nothing found: serve no static files rather than refuse to start; pages still work.
        return new SiteFolders(cwd);
    }
}
