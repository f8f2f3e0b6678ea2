using PolicyNews.Archive.Text;

namespace PolicyNews.Archive.Import;

/// <summary>
/// Turns what a user names (files and folders) into an <see cref="ImportRequest"/>: folders give
/// every source file directly inside them, and the articles.json and tags.json found beside the
/// files are loaded. Shared by the importer CLI and the web host's import-on-empty start.
/// </summary>
public static class ImportInputs
{
    public static readonly IReadOnlyList<string> SourceExtensions = [".txt", ".html", ".htm"];

    /// <summary>The request for <paramref name="inputs"/>, or every problem that stops one being made.</summary>
    public static (ImportRequest? Request, IReadOnlyList<ImportProblem> Problems) Gather(string database, IReadOnlyList<string> inputs)
    {
        var problems = new List<ImportProblem>();
        var files = ExpandInputs(inputs, problems);
        var folders = files.Select(f => Path.GetDirectoryName(Path.GetFullPath(f))!).Distinct().ToList();
        var metadata = LoadMetadata(folders, problems);
        var tags = LoadTags(folders, problems);
        return problems.Count > 0 ? (null, problems) : (new ImportRequest(database, files, metadata, tags), problems);
    }

    /// <summary>Files as given; folders as every source file directly inside, sorted by name.</summary>
    static List<string> ExpandInputs(IReadOnlyList<string> inputs, List<ImportProblem> problems)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var inside = Directory.EnumerateFiles(input)
                    .Where(f => SourceExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (inside.Count == 0)
                    problems.Add(new ImportProblem(input, $"folder holds no {string.Join(", ", SourceExtensions)} files"));
                files.AddRange(inside);
            }
            else if (File.Exists(input))
                files.Add(input);
            else
                problems.Add(new ImportProblem(input, "no such file or folder"));
        }
        return files;
    }

    static Dictionary<string, ArticleMetadata>? LoadMetadata(List<string> folders, List<ImportProblem> problems)
    {
        Dictionary<string, ArticleMetadata>? merged = null;
        foreach (var path in Sidecars(folders, ArticleMetadataFile.FileName))
        {
            try
            {
                merged ??= new(StringComparer.Ordinal);
                foreach (var (file, meta) in ArticleMetadataFile.Load(path))
                    if (!merged.TryAdd(file, meta))
                        problems.Add(new ImportProblem(path, $"entry '{file}' is also described by another {ArticleMetadataFile.FileName}"));
            }
            catch (SourceRejectedException ex)
            {
                problems.Add(new ImportProblem(ex.File, ex.Reason));
            }
        }
        return merged;
    }

    static List<TagDefinition>? LoadTags(List<string> folders, List<ImportProblem> problems)
    {
        // The taxonomy is one list for the whole archive; two different ones would fight over the tags table.
        var found = Sidecars(folders, TagTaxonomy.FileName).ToList();
        if (found.Count > 1)
        {
            problems.Add(new ImportProblem(found[1], $"a second {TagTaxonomy.FileName} (the first is {found[0]}); import one folder's taxonomy at a time"));
            return null;
        }
        if (found.Count == 0)
            return null;
        try
        {
            return TagTaxonomy.Load(found[0]).ToList();
        }
        catch (SourceRejectedException ex)
        {
            problems.Add(new ImportProblem(ex.File, ex.Reason));
            return null;
        }
    }

    static IEnumerable<string> Sidecars(List<string> folders, string fileName) =>
        folders.Select(f => Path.Combine(f, fileName)).Where(File.Exists);
}
