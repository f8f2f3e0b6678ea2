using PolicyNews.Archive.Import;

namespace PolicyNews.Importer;

/// <summary>
/// The importer's one command: expand the inputs, find articles.json and tags.json beside them,
/// run the import, print the report. Exit code 0 on success, 2 when anything is wrong — in which
/// case every problem is printed on its own line and the database is left exactly as it was.
/// </summary>
public sealed class ImportCommand(IArticlePipeline pipeline, TextWriter output, TextWriter error)
{
    public const int Success = 0;
    public const int Failure = 2;

    static readonly string[] SourceExtensions = [".txt", ".html", ".htm"];

    public int Run(string database, IReadOnlyList<string> inputs)
    {
        var problems = new List<ImportProblem>();
        var files = ExpandInputs(inputs, problems);
        var folders = files.Select(f => Path.GetDirectoryName(Path.GetFullPath(f))!).Distinct().ToList();
        var metadata = LoadMetadata(folders, problems);
        var tags = LoadTags(folders, problems);
        if (problems.Count > 0)
            return Fail(problems);

        var result = new ArchiveImporter(pipeline).Import(new ImportRequest(database, files, metadata, tags));
        if (!result.Succeeded)
            return Fail(result.Problems);

        ImportReport.Print(result, database, output);
        return Success;
    }

    int Fail(IEnumerable<ImportProblem> problems)
    {
        foreach (var problem in problems)
            error.WriteLine($"error: {problem}");
        error.WriteLine("nothing was imported; the database is unchanged.");
        return Failure;
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
            catch (ImportRejectedException ex)
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
        catch (ImportRejectedException ex)
        {
            problems.Add(new ImportProblem(ex.File, ex.Reason));
            return null;
        }
    }

    static IEnumerable<string> Sidecars(List<string> folders, string fileName) =>
        folders.Select(f => Path.Combine(f, fileName)).Where(File.Exists);
}
