namespace PolicyNews.Web.Display;

public static class SectionTitles
{
    /// <summary>The lead has no heading of its own in the source; pages call it 導語.</summary>
    public static string Of(SectionLink section) => section.Heading ?? "導語";
}
