using System.Security.Cryptography;
using System.Text;

namespace PolicyNews.Archive.Import;

/// <summary>Readable ASCII path segments and the hashed ids that survive re-imports.</summary>
public static class Slugs
{
    public static bool IsValid(string slug) =>
        slug.Length > 0 && slug[0] != '-' && slug[^1] != '-' && !slug.Contains("--")
        && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>Lowercase ASCII letters and digits of <paramref name="text"/>, runs of anything else as one hyphen.</summary>
    public static string Kebab(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
                sb.Append(char.ToLowerInvariant(c));
            else if (sb.Length > 0 && sb[^1] != '-')
                sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>The slug an article gets when no metadata names one: its file name, e.g. <c>000-bbd2b401c3b78db9</c>.</summary>
    public static string FromFileName(string fileName)
    {
        var slug = Kebab(Path.GetFileNameWithoutExtension(fileName));
        return slug.Length > 0 ? slug : "article-" + Hash(fileName, 8);
    }

    /// <summary>Section id: "s" + 7 hex of SHA-256(article slug + "\n" + heading); the lead hashes an empty heading.</summary>
    public static string SectionId(string articleSlug, string? heading) => SectionIdForms(articleSlug, heading)[0];

    /// <summary>Paragraph id (its anchor): "p" + 10 hex of SHA-256(article slug + "\n" + text).</summary>
    public static string ParagraphId(string articleSlug, string text) => ParagraphIdForms(articleSlug, text)[0];

    /// <summary>
    /// A section id's forms: the short default, then longer prefixes of the same hash. The ids are
    /// unique across the archive, and 7 hex collide between articles in a large archive: the
    /// writer (<see cref="StableIdClaims"/>) gives a longer form to a newcomer whose short one is taken.
    /// </summary>
    public static string[] SectionIdForms(string articleSlug, string? heading) => Forms("s", articleSlug + "\n" + (heading ?? ""), 7);

    /// <summary>A paragraph id's forms, as <see cref="SectionIdForms"/> (10 hex collide too, from some 100,000 paragraphs on).</summary>
    public static string[] ParagraphIdForms(string articleSlug, string text) => Forms("p", articleSlug + "\n" + text, 10);

    /// <summary>Short, 5 hex longer, then the whole hash: article slugs are unique, so that one never collides.</summary>
    static string[] Forms(string prefix, string text, int shortLength)
    {
        var hash = Hash(text, 64);
        return [prefix + hash[..shortLength], prefix + hash[..(shortLength + 5)], prefix + hash];
    }

    /// <summary>Makes repeats unique in order of appearance: a, a → a, a-2 (identical paragraphs do occur).</summary>
    public static List<string> Disambiguate(IEnumerable<string> ids)
    {
        var seen = new Dictionary<string, int>();
        var result = new List<string>();
        foreach (var id in ids)
        {
            var n = seen[id] = seen.GetValueOrDefault(id) + 1;
            result.Add(n == 1 ? id : $"{id}-{n}");
        }
        return result;
    }

    /// <summary>As above over each id's forms: a repeat of the default form gets the same suffix on every form.</summary>
    public static List<string[]> Disambiguate(IEnumerable<string[]> forms)
    {
        var all = forms.ToList();
        var ids = Disambiguate(all.Select(f => f[0]));
        return all.Select((f, i) => f.Select(form => form + ids[i][f[0].Length..]).ToArray()).ToList();
    }

    static string Hash(string text, int hexDigits) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..hexDigits];
}
