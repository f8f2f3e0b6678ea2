namespace PolicyNews.Tests.Web;

/// <summary>
/// The portal on a <see cref="GeneratedArchive"/> of <see cref="Count"/> articles, imported by its
/// own start-up through the real pipeline, as with the seeds.
/// </summary>
public sealed class GeneratedPortal : PortalFixture, IDisposable
{
    public const int Count = 2000;

    readonly TempFolder folder;

    public GeneratedPortal() : this(new TempFolder()) { }

    GeneratedPortal(TempFolder folder) : base(("Archive:Seeds", folder["seeds"]))
    {
        this.folder = folder;
        Archive = new GeneratedArchive(folder["seeds"], Count);
    }

    public GeneratedArchive Archive { get; }

    public new void Dispose()
    {
        base.Dispose();
        folder.Dispose();
    }
}
