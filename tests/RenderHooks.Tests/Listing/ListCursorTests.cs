using System.Buffers.Text;
using System.Text;
using RenderHooks.Listing;

namespace RenderHooks.Tests.Listing;

public sealed class ListCursorTests
{
    private const string Query = "deliveries?outcome=conflict&limit=50";

    [Fact]
    public void Encoded_DecodesForTheSameQuery_ToTheSameContinuation()
    {
        var cursor = ListCursor.Encode(Query, "~flagged 2520000000000000000|abc");

        Assert.True(ListCursor.TryDecode(cursor, Query, out var continuation, out var problem));
        Assert.Equal("~flagged 2520000000000000000|abc", continuation);
        Assert.Null(problem);
        Assert.DoesNotContain('=', cursor);
        Assert.DoesNotContain('+', cursor);
        Assert.DoesNotContain('/', cursor);
    }

    [Fact]
    public void NoCursor_FirstPage()
    {
        Assert.True(ListCursor.TryDecode(null, Query, out var continuation, out _));
        Assert.Null(continuation);
    }

    [Fact]
    public void CursorOfAnotherQuery_Refused()
    {
        var cursor = ListCursor.Encode("deliveries?limit=50", "a b");

        Assert.False(ListCursor.TryDecode(cursor, Query, out _, out var problem));
        Assert.Equal("cursor", problem!.Parameter);
        Assert.Contains("another query", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("a")]
    public void NotBase64Url_Refused(string cursor)
    {
        Assert.False(ListCursor.TryDecode(cursor, Query, out _, out var problem));
        Assert.Equal(ListCursor.NotHandedOut, problem);
    }

    [Theory]
    [InlineData("2\n" + Query + "\na b")]
    [InlineData("1\n" + Query + "\n")]
    [InlineData("1\n" + Query)]
    [InlineData("1\n" + Query + "\na\u0000b")]
    public void WrongShape_Refused(string text)
    {
        var cursor = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

        Assert.False(ListCursor.TryDecode(cursor, Query, out _, out var problem));
        Assert.Equal(ListCursor.NotHandedOut, problem);
    }

    [Fact]
    public void NotUtf8_Refused()
    {
        Assert.False(ListCursor.TryDecode(Base64Url.EncodeToString([0x31, 0x0A, 0xFF, 0xFE]), Query, out _, out var problem));
        Assert.Equal(ListCursor.NotHandedOut, problem);
    }

    [Fact]
    public void LongerThanAnyCursorHandedOut_RefusedBeforeDecoding()
    {
        var cursor = ListCursor.Encode(Query, new string('k', ListParameters.MaxCursorLength));

        Assert.False(ListCursor.TryDecode(cursor, Query, out _, out var problem));
        Assert.Equal(ListCursor.NotHandedOut, problem);
    }
}
