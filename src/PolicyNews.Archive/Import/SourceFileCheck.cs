using System.Security.Cryptography;

namespace PolicyNews.Archive.Import;

/// <summary>
/// Cheap refusals the importer makes before the pipeline sees a file, so an empty file or an
/// obvious binary gets the same clear message whichever pipeline is plugged in. Decoding proper
/// (and every subtler refusal) is the pipeline's job.
/// </summary>
public static class SourceFileCheck
{
    static readonly (string Name, byte[] Magic)[] Signatures =
    [
        ("PNG image", [0x89, (byte)'P', (byte)'N', (byte)'G']),
        ("JPEG image", [0xFF, 0xD8, 0xFF]),
        ("GIF image", "GIF8"u8.ToArray()),
        ("PDF document", "%PDF"u8.ToArray()),
        ("ZIP archive (or docx/xlsx)", [(byte)'P', (byte)'K', 0x03, 0x04]),
        ("gzip archive", [0x1F, 0x8B]),
        ("ELF executable", [0x7F, (byte)'E', (byte)'L', (byte)'F']),
        ("Windows executable", "MZ"u8.ToArray()),
        ("SQLite database", "SQLite format 3\0"u8.ToArray()),
    ];

    /// <summary>Why the file cannot be text, or null when it may be.</summary>
    public static string? Reject(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return "empty file";

        foreach (var (name, magic) in Signatures)
            if (bytes.StartsWith(magic))
                return $"binary file ({name}), not a text article";

        // UTF-16 legitimately holds NUL bytes, but (nearly) only in one byte of each pair: the high
        // byte of ASCII characters. NULs on both sides of the pairs, or NULs in a file that cannot be
        // UTF-16 (odd length), mean binary data.
        var head = bytes[..Math.Min(bytes.Length, 8192)];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return null;
        int even = 0, odd = 0;
        for (var i = 0; i < head.Length; i++)
            if (head[i] == 0)
                _ = i % 2 == 0 ? even++ : odd++;
        if (even + odd == 0)
            return null;
        var looksLikeUtf16 = bytes.Length % 2 == 0 && (even == 0 || odd == 0);
        return looksLikeUtf16 ? null : "binary file (contains NUL bytes), not a text article";
    }

    /// <summary>Reads every file before the database is touched: a missing, unreadable, repeated or binary file is a problem.</summary>
    internal static (List<SourceFile> Sources, List<ImportProblem> Problems) ReadAll(IReadOnlyList<string> files)
    {
        var sources = new List<SourceFile>();
        var problems = new List<ImportProblem>();
        if (files.Count == 0)
            problems.Add(new ImportProblem("(input)", "no source files given"));

        foreach (var group in files.GroupBy(Path.GetFileName, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add(new ImportProblem(group.Key!, $"the same file name is given twice ({string.Join(", ", group)}); file names identify articles"));

        foreach (var path in files)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                problems.Add(new ImportProblem(path, "no such file"));
                continue;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add(new ImportProblem(path, $"cannot read: {ex.Message}"));
                continue;
            }
            if (SourceFileCheck.Reject(bytes) is { } reason)
            {
                problems.Add(new ImportProblem(path, reason));
                continue;
            }
            sources.Add(new SourceFile(path, Path.GetFileName(path), bytes, Convert.ToHexStringLower(SHA256.HashData(bytes))));
        }
        return (sources, problems);
    }
}
