using System.Diagnostics;

namespace PolicyNews.Tests.Hosting;

/// <summary>
/// Makes files or folders read-only for real, for the current user, until disposed. Ordinary
/// permissions do not bind root (the CI runs the tests as root), so as root it sets the immutable
/// attribute (<c>chattr +i</c>), which no process may write through — no file created in such a
/// folder either; otherwise it removes the write permission.
/// </summary>
public sealed class ReadOnlyFiles : IDisposable
{
    static readonly bool Root = Environment.UserName == "root";
    readonly List<(string Path, UnixFileMode Mode)> protectedPaths = [];

    public ReadOnlyFiles(params string[] paths)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("read-only files are made with Unix permissions or chattr");
        foreach (var path in paths)
        {
            var mode = File.GetUnixFileMode(path);
            if (Root)
                Chattr("+i", path);
            else
                File.SetUnixFileMode(path, mode & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
            protectedPaths.Add((path, mode));
        }
    }

    static void Chattr(string flag, string path)
    {
        using var chattr = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
        var error = chattr.StandardError.ReadToEnd();
        chattr.WaitForExit();
        if (chattr.ExitCode != 0)
            throw new InvalidOperationException($"chattr {flag} {path} failed (the test needs a file system with the immutable attribute, e.g. ext4): {error}");
    }

    public void Dispose()
    {
        if (OperatingSystem.IsWindows())
            return;
        foreach (var (path, mode) in protectedPaths)
        {
            if (Root)
                Chattr("-i", path);
            else
                File.SetUnixFileMode(path, mode);
        }
    }
}
