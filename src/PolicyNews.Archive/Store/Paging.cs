namespace PolicyNews.Archive.Store;

/// <summary>
/// Where a page lies in a listing: <see cref="Total"/> items in pages of <see cref="Size"/>, this
/// one number <see cref="Number"/> (from 1). Every listing is paged so that no answer grows with the archive.
/// </summary>
public sealed record Paging(int Total, int Number, int Size)
{
    public const int MaxSize = 100;

    /// <summary>Page <paramref name="number"/> (at least 1) of <paramref name="size"/> items, clamped to 1..<see cref="MaxSize"/>.</summary>
    public static Paging Of(int number, int size) => new(0, Math.Max(1, number), Math.Clamp(size, 1, MaxSize));

    public int PageCount => (Total + Size - 1) / Size;
    public bool HasPrevious => Number > 1;
    public bool HasNext => Number < PageCount;

    /// <summary>Past the last page (page 1 of an empty listing is not).</summary>
    public bool IsPastEnd => Number > 1 && Number > PageCount;

    /// <summary>The SQL LIMIT and OFFSET parameters.</summary>
    internal int Take => Size;
    internal long Skip => (long)(Number - 1) * Size;
}
