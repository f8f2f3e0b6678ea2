namespace PolicyNews;

/// <summary>
/// Folders of this repository, found by walking up from the running assembly to PolicyNews.sln.
/// One file shared by the test and tool projects (linked into each), which all run from a build
/// output inside the repository.
/// </summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PolicyNews.sln")))
                return dir.FullName;
        throw new InvalidOperationException("PolicyNews.sln not found above " + AppContext.BaseDirectory);
    }
}
