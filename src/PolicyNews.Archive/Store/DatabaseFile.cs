using System.Buffers.Binary;
using System.Text;

namespace PolicyNews.Archive.Store;

/// <summary>
/// Looks at the database path before SQLite does, so that the common ways a file goes wrong get a
/// sentence naming the file instead of SQLite's "file is not a database" or "unable to open
/// database file": a folder where the file should be, a file that is not SQLite at all, and a
/// file cut short (a partial copy, a full disk). Damage inside a well-formed file is for
/// <see cref="ArchiveDatabase.QuickCheck"/>. The header layout is SQLite's
/// (https://www.sqlite.org/fileformat.html#the_database_header).
/// </summary>
internal static class DatabaseFile
{
    const int HeaderLength = 100;
    static readonly byte[] Magic = "SQLite format 3\0"u8.ToArray();

    /// <summary>Throws <see cref="StoreException"/> when <paramref name="path"/> cannot be an SQLite database; a missing or empty file is fine (SQLite creates it).</summary>
    public static void Check(string path)
    {
        if (Directory.Exists(path))
            throw new StoreException($"store: {path} is a folder, not a database file");
        if (!File.Exists(path))
            return;

        byte[] header = new byte[HeaderLength];
        long length;
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            length = stream.Length;
            read = stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"store: cannot read {path}: {ex.Message}", ex);
        }
        if (length == 0)
            return;

        var prefix = Math.Min(read, Magic.Length);
        if (!header.AsSpan(0, prefix).SequenceEqual(Magic.AsSpan(0, prefix)))
            throw new StoreException($"store: {path} is not an SQLite database: it begins with {Opening(header.AsSpan(0, read))}, not \"SQLite format 3\"");
        if (read < HeaderLength)
            throw new StoreException($"store: {path} is truncated: {length} bytes, shorter than SQLite's {HeaderLength}-byte header");

        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16)) switch { 1 => 65536, var s => (int)s };
        if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
            throw new StoreException($"store: {path} has a damaged header: page size {pageSize} is not a power of two from 512 to 65536");

        // The page count at offset 28 is only meaningful while the "version valid for" number at 92
        // equals the change counter at 24 (older writers did not keep it). A WAL with frames may hold
        // what a checkpoint had not yet copied into the file, so then SQLite is the judge.
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        var counterValid = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24)) == BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92));
        var wal = new FileInfo(path + "-wal");
        var expected = (long)pages * pageSize;
        if (counterValid && pages > 0 && length < expected && !(wal.Exists && wal.Length > 0))
            throw new StoreException($"store: {path} is truncated: its header counts {pages} pages of {pageSize} bytes ({expected} bytes), the file has {length}");
    }

    /// <summary>The first bytes, quoted as text when they are text, else in hex.</summary>
    static string Opening(ReadOnlySpan<byte> bytes)
    {
        var shown = bytes[..Math.Min(bytes.Length, 16)];
        var text = Encoding.UTF8.GetString(shown);
        return text.All(c => !char.IsControl(c) || c is '\n' or '\r' or '\t') && !text.Contains('\uFFFD')
            ? $"\"{text.ReplaceLineEndings(" ").TrimEnd()}{(bytes.Length > shown.Length ? "…" : "")}\""
            : $"bytes {Convert.ToHexString(shown)}";
    }
}
