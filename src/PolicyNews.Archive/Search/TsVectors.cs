using System.Globalization;
using System.Text;

namespace PolicyNews.Archive.Search;

/// <summary>
/// The index forms of <see cref="SearchTokens"/> as PostgreSQL <c>tsvector</c> and <c>tsquery</c>
/// literals, so PostgreSQL searches exactly the tokens FTS5 does (docs/search.md, "PostgreSQL").
/// Each token of a form is a lexeme at its position, counted as FTS5 counts them; a heading's
/// lexemes carry weight A, a body's the default D, and the body's positions start two after the
/// heading's, so a phrase never runs from one into the other (FTS5 keeps them in two columns). The
/// break token "¦" stays a lexeme, so a phrase across punctuation matches as it does in FTS5.
/// </summary>
/// <remarks>
/// Lexemes are written as given, never through a text search configuration, so nothing is stemmed
/// or dropped; they are lowered and stripped of diacritics as FTS5's <c>unicode61
/// remove_diacritics 2</c> does. PostgreSQL keeps at most 256 positions per lexeme and none past
/// 16,383 (docs/search.md, "Known limits").
/// </remarks>
public static class TsVectors
{
    /// <summary>PostgreSQL's largest tsvector position: later tokens all land on it.</summary>
    public const int MaxPosition = 16383;

    /// <summary>A tsvector literal of one form: <paramref name="heading"/> and <paramref name="body"/> are that form's space-separated tokens (or null).</summary>
    public static string Vector(string? heading, string? body) => Literal(heading, body, join: null);

    /// <summary>
    /// A tsvector literal of the lexemes <paramref name="join"/> makes of each token of a form and the
    /// token after it in the same text (null: none), each at the first one's position and weight, as
    /// <see cref="Vector"/> numbers that form: the triples of PostgreSQL migrations 007 and 008.
    /// </summary>
    public static string Neighbours(string? heading, string? body, Func<string, string, string?> join) => Literal(heading, body, join);

    static string Literal(string? heading, string? body, Func<string, string, string?>? join)
    {
        var lexemes = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        var position = 0;
        void Add(string? tokens, string weight)
        {
            if (tokens is null) return;
            var list = Lexemes(tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            for (var i = 0; i < list.Count; i++)
            {
                position = Math.Min(position + 1, MaxPosition);
                var lexeme = join is null ? list[i] : i + 1 < list.Count ? join(list[i], list[i + 1]) : null;
                if (lexeme is null)
                    continue;
                if (lexemes.TryGetValue(lexeme, out var positions))
                    positions.Append(',');
                else
                    lexemes[lexeme] = positions = new StringBuilder();
                positions.Append(position.ToString(CultureInfo.InvariantCulture)).Append(weight);
            }
        }

        Add(heading, "A");
        position = Math.Min(position + 1, MaxPosition);   // the gap between the two "columns"
        Add(body, "");
        return string.Join(' ', lexemes.Select(l => Quote(l.Key) + ":" + l.Value));
    }

    /// <summary>A tsquery literal: the tokens as one phrase (<c>&lt;-&gt;</c>).</summary>
    public static string Phrase(IEnumerable<string> tokens) => Query(tokens, " <-> ", "");

    /// <summary>
    /// A tsquery literal: every token, anywhere (<c>&amp;</c>). GIN answers it from the index alone;
    /// a phrase it can only narrow down, then reads each row's positions to check (docs/search.md).
    /// </summary>
    public static string AllOf(IEnumerable<string> tokens) => Query(tokens, " & ", "");

    /// <summary>
    /// <paramref name="query"/> (a tsquery literal) in a row that holds none of <paramref name="tokens"/>'
    /// lexemes (<c>&amp; !</c>): GIN answers the negation from the index too, so an excluded word no
    /// longer costs a row read per candidate that holds it.
    /// </summary>
    public static string Without(string query, IEnumerable<string> tokens) =>
        string.Concat(Lexemes(tokens).Distinct().Select(l => $" & !{Quote(l)}")) is { Length: > 0 } negations ? $"({query}){negations}" : query;

    /// <summary>The same phrase, every lexeme restricted to one weight (A: the heading, D: the body).</summary>
    public static string Phrase(IEnumerable<string> tokens, string weight) => Query(tokens, " <-> ", ":" + weight);

    /// <summary>
    /// The tokens' lexemes joined by <paramref name="operator"/>. Tokens that all fold to nothing (a
    /// term of combining marks alone) match no section, as an empty phrase does in FTS5: a lexeme of
    /// one space, which no form holds (tokens are split at spaces), keeps the literal valid wherever
    /// it is put together with others.
    /// </summary>
    static string Query(IEnumerable<string> tokens, string @operator, string suffix)
    {
        var lexemes = Lexemes(tokens).Select(l => Quote(l) + suffix).ToList();
        return lexemes.Count == 0 ? Quote(" ") + suffix : string.Join(@operator, lexemes);
    }

    /// <summary>
    /// The tokens' lexemes, without the empty ones: a token of combining marks alone (a mark after a
    /// space, or after a Han character, which is a token of its own) folds to nothing. FTS5's
    /// tokenizer reads such a mark as a separator — no token, no position — and a PostgreSQL literal
    /// cannot hold an empty lexeme at all.
    /// </summary>
    static IEnumerable<string> Lexemes(IEnumerable<string> tokens) => tokens.Select(Lexeme).Where(l => l.Length > 0);

    /// <summary>
    /// As unicode61 with remove_diacritics 2 and tokenchars '_': lower case, combining marks dropped,
    /// and nothing kept but its token characters — letters, numbers, private use, '_' (and '+', below). So the
    /// break token "¦" (a symbol), which unicode61 reads as a separator, is no lexeme here either
    /// (docs/search.md). Han and ASCII letters, digits and '_' pass as they are.
    /// </summary>
    public static string Lexeme(string token)
    {
        if (token.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '+' || char.IsSurrogate(c) || c >= 0x3400 && c < 0xA000))
            return token.ToLowerInvariant();
        var decomposed = token.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (IsTokenCharacter(c))
                kept.Append(c);
        return kept.ToString().Normalize(NormalizationForm.FormC);
    }

    // '+' joins the two words of a word-pair lexeme (PostgresSearchIndex.WordPair), which queries pass back through here;
    // no token of SearchTokens holds one.
    static bool IsTokenCharacter(char c) => c is '_' or '+' || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
        or UnicodeCategory.PrivateUse;

    /// <summary>Quoted for a tsvector or tsquery literal: backslashes and single quotes escaped.</summary>
    static string Quote(string lexeme) => "'" + lexeme.Replace("\\", "\\\\").Replace("'", "''") + "'";
}
