using System.Globalization;

namespace PolicyNews.Web.Display;

public static class Excerpts
{
    /// <summary>At most <paramref name="max"/> text elements (never a split surrogate pair), with an ellipsis when cut.</summary>
    public static string Shorten(string text, int max)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= max ? text : info.SubstringByTextElements(0, max) + "…";
    }
}
