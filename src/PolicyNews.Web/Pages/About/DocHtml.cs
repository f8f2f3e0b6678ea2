using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PolicyNews.Web.Pages.About;

/// <summary>
/// A rendered Markdown page in the reader's script. The docs are written in Traditional like the
/// rest of the interface, so their text is converted like any page text; code spans are what to
/// type (<c>创新</c> finds 創新) and keep their characters, marked with their own <c>lang</c> where
/// their script differs from the page's.
/// </summary>
public static class DocHtml
{
    public static string InScript(string html, DisplayPreferences display)
    {
        var body = new HtmlParser().ParseDocument($"<body>{html}</body>").Body!;
        foreach (var element in body.Descendants<IElement>().ToList())
        {
            if (element.LocalName == "code")
            {
                if (display.LangOf(element.TextContent) is { } lang)
                    element.SetAttribute("lang", lang);
                continue;
            }
            if (element.Closest("code") is not null)
                continue;
            foreach (var text in element.ChildNodes.OfType<IText>())
                text.Data = display.Text(text.Data);
        }
        return body.InnerHtml;
    }
}
