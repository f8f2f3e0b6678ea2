using System.Security.Cryptography;
using System.Text;

namespace PolicyNews.Web.Hosting;

/// <summary>
/// Everything besides the archive that a response's bytes depend on, taken once at start: the code
/// (the web and library assemblies; a deterministic build gives new ids only to changed code), the
/// files it serves or renders (wwwroot/, docs/) and the settings that shape pages (the
/// <c>Archive</c> and <c>Site</c> sections). <see cref="Hash"/> goes into every ETag, so a
/// deployment that changes any of these changes the validators even when no import ran;
/// <see cref="LastModified"/> is the newest of those files, for Last-Modified.
/// </summary>
public sealed record SiteVersion(string Hash, DateTimeOffset LastModified)
{
    static readonly string[] ShapingSections = ["Archive", "Site"];

    public static SiteVersion Of(SiteFolders folders, IConfiguration configuration)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        var newest = DateTimeOffset.UnixEpoch;
        void Seen(DateTime utc) { if (utc > newest) newest = utc; }

        foreach (var assembly in new[] { typeof(SiteVersion).Assembly, typeof(ArchiveDatabase).Assembly })
        {
            Add(assembly.ManifestModule.ModuleVersionId.ToString());
            if (File.Exists(assembly.Location))
                Seen(File.GetLastWriteTimeUtc(assembly.Location));
        }

        foreach (var root in new[] { folders.WebRoot, folders.Docs }.Where(Directory.Exists))
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                Add(Path.GetRelativePath(folders.Root, file));
                hash.AppendData(File.ReadAllBytes(file));
                Seen(File.GetLastWriteTimeUtc(file));
            }

        foreach (var section in ShapingSections)
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable().OrderBy(p => p.Key, StringComparer.Ordinal))
                Add($"{key}={value}");

        return new SiteVersion(Convert.ToHexStringLower(hash.GetHashAndReset())[..16], newest);
    }
}
