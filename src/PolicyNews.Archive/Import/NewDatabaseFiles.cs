namespace PolicyNews.Archive.Import;

/// <summary>
/// Remembers whether the database file and its folders existed before a run, so a failed run can
/// remove exactly what it created and nothing else.
/// </summary>
internal sealed class NewDatabaseFiles
{
    readonly string? databasePath;
    readonly List<string> createdFolders = [];

    NewDatabaseFiles(string? databasePath, List<string> missingFolders)
    {
        this.databasePath = databasePath;
        createdFolders = missingFolders;
    }

    /// <summary>Nothing to remove (a PostgreSQL archive: the server keeps it).</summary>
    public static NewDatabaseFiles None { get; } = new(null, []);

    public static NewDatabaseFiles Before(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return new NewDatabaseFiles(null, []);
        }
        if (File.Exists(full) || Directory.Exists(full))
            return new NewDatabaseFiles(null, []);

        // Folders Open() will create, innermost first, stopping at the first that exists.
        var missing = new List<string>();
        for (var folder = Path.GetDirectoryName(full); !string.IsNullOrEmpty(folder) && !Directory.Exists(folder) && !File.Exists(folder);
             folder = Path.GetDirectoryName(folder))
            missing.Add(folder);
        return new NewDatabaseFiles(full, missing);
    }

    public void Remove()
    {
        if (databasePath is null)
            return;
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            if (File.Exists(databasePath + suffix))
                File.Delete(databasePath + suffix);
        foreach (var folder in createdFolders)
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                Directory.Delete(folder);
    }
}
