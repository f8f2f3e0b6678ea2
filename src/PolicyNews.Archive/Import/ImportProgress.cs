namespace PolicyNews.Archive.Import;

/// <summary>The steps of a run that take time in proportion to its size, in the order they run.</summary>
public enum ImportStage
{
    /// <summary>Files through the text pipeline (before the write lock), counted in files.</summary>
    Cleaning,
    /// <summary>Articles written, counted in files.</summary>
    Writing,
    /// <summary>The tags of the written sections found again, counted in sections (reported at its start and end).</summary>
    Tagging,
    /// <summary>The search index made for the written sections, counted in sections.</summary>
    Indexing,
}

/// <summary>
/// How far a stage is: <paramref name="Done"/> of <paramref name="Total"/>. Each stage a run goes
/// through is reported once with 0 as it starts and once with <paramref name="Total"/> as it ends;
/// reports come from several threads at once.
/// </summary>
public readonly record struct ImportProgress(ImportStage Stage, int Done, int Total);
