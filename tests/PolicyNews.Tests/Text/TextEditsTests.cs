using PolicyNews.Archive.Text;

namespace PolicyNews.Tests.Text;

public sealed class TextEditsTests
{
    const string Digits = "0123456789";

    /// <summary>Edits written "start:length:replacement", separated by "|".</summary>
    static List<(int Start, int Length, string Replacement)> Parse(string edits) =>
        edits.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split(':'))
            .Select(p => (int.Parse(p[0]), int.Parse(p[1]), p[2])).ToList();

    static TextEdits Edits(string edits)
    {
        var result = new TextEdits(Digits);
        foreach (var (start, length, replacement) in Parse(edits))
            result.Replace(start, length, replacement);
        return result;
    }

    [Theory]
    [InlineData("", "0123456789")]
    [InlineData("2:3:ab", "01ab56789")]
    [InlineData("7:2:|2:3:ab", "01ab569")]                  // given in any order, applied by position
    [InlineData("2:2:A|4:2:B", "01AB6789")]                 // edits may touch
    [InlineData("0:0:>|10:0:<", ">0123456789<")]            // insertions at either end
    [InlineData("4:2:yz|4:0:x", "0123xyz6789")]             // an insertion goes before a replacement at its start
    public void AppliesEveryEditAtItsPlaceInTheSource(string edits, string expected) =>
        Assert.Equal(expected, Edits(edits).Apply());

    [Fact]
    public void DeleteReplacesWithNothing()
    {
        var edits = new TextEdits(Digits);
        edits.Delete(3, 4);

        Assert.Equal("012789", edits.Apply());
    }

    [Fact]
    public void IsEmptyUntilTheFirstEditAndThenKeepsTheSource()
    {
        var edits = new TextEdits(Digits);
        Assert.True(edits.IsEmpty);
        Assert.Equal(Digits, edits.Apply());

        edits.Delete(0, 1);

        Assert.False(edits.IsEmpty);
        Assert.Equal(Digits, edits.Source);
    }

    /// <summary>With "2345" becoming "ab" and "XYZ" inserted before 7, the output is "01ab56XYZ789".</summary>
    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 2)]      // the start of an edit
    [InlineData(3, 2)]      // inside an edit: its start
    [InlineData(4, 2)]
    [InlineData(5, 4)]      // just after an edit: just after its replacement
    [InlineData(6, 5)]
    [InlineData(7, 6)]      // at an insertion: before the inserted text
    [InlineData(8, 10)]     // after both
    [InlineData(10, 12)]    // the end of the text
    public void MapCarriesAnOffsetAcrossTheEdits(int offset, int expected)
    {
        var edits = Edits("2:3:ab|7:0:XYZ");

        Assert.Equal("01ab56XYZ789", edits.Apply());
        Assert.Equal(expected, edits.Map(offset));
    }

    [Theory]
    [InlineData("2:3:ab|7:0:XYZ")]
    [InlineData("7:0:XYZ|2:3:ab")]
    [InlineData("0:1:零一|5:5:")]
    public void MapKeepsEachUneditedCharacterOnItself(string given)
    {
        var edits = Edits(given);
        var output = edits.Apply();

        // Offsets in no edit's range, and not where something is inserted.
        var untouched = Enumerable.Range(0, Digits.Length)
            .Where(o => !Parse(given).Any(e => e.Start <= o && o < e.Start + Math.Max(e.Length, 1)));
        Assert.All(untouched, o => Assert.Equal(Digits[o], output[edits.Map(o)]));
    }

    [Theory]
    [InlineData(2, 3)]      // the same range
    [InlineData(3, 1)]      // inside
    [InlineData(1, 2)]      // across its start
    [InlineData(4, 3)]      // across its end
    [InlineData(0, 10)]     // around it
    [InlineData(3, 0)]      // an insertion inside it
    public void OverlappingEditsAreRejected(int start, int length)
    {
        var edits = Edits("2:3:ab");

        Assert.Throws<InvalidOperationException>(() => edits.Replace(start, length, "x"));
        Assert.Equal("01ab56789", edits.Apply());
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, -1)]
    [InlineData(9, 2)]
    [InlineData(11, 0)]
    public void EditsOutsideTheSourceAreRejected(int start, int length)
    {
        var edits = new TextEdits(Digits);

        Assert.Throws<ArgumentOutOfRangeException>(() => edits.Replace(start, length, "x"));
        Assert.True(edits.IsEmpty);
    }
}
