using RenderHooks.Storage;

namespace RenderHooks.Tests.Storage;

public sealed class TableKeyTests
{
    public static TheoryData<string> Values()
    {
        var data = new TheoryData<string>
        {
            string.Empty,
            "plain",
            "a/b\\c#d?e",
            "100%",
            "%2F",
            "%",
            "~41 and ~",
            "tab\there\nnewline",
            "emoji 😀 and é and 中文",
            "\u007F\u0080\u009F\u00A0",
            "quote ' and \"",
            "https://example.com/path?q=1#frag",
        };

        var forbidden = new List<char> { '/', '\\', '#', '?', '%', '~' };
        forbidden.AddRange(Enumerable.Range(0, 0x20).Select(i => (char)i));
        forbidden.AddRange(Enumerable.Range(0x7F, 0x21).Select(i => (char)i));
        data.Add(new string(forbidden.ToArray()));
        return data;
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void EncodeDecode_AnyText_RoundTrips(string value)
    {
        var encoded = TableKey.Encode(value);

        Assert.Equal(value, TableKey.Decode(encoded));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Encode_AnyText_HasNoForbiddenCharacters(string value)
    {
        var encoded = TableKey.Encode(value);

        Assert.DoesNotContain(encoded, c => c is '/' or '\\' or '#' or '?' or '%' || c <= '\u001F' || c is >= '\u007F' and <= '\u009F');
    }

    /// <summary>
    /// Every job, delivery and due-date row is keyed through this escape (see Jobs/KeyFormatTests): the literals below
    /// pin it, and changing it orphans every stored row whose key needed an escape.
    /// </summary>
    [Fact]
    public void Encode_EveryForbiddenCharacter_IsTildeEncodedUtf8()
    {
        // Not %XX: the Table service decodes point-operation paths twice, so '%' never appears in an encoded key.
        Assert.Equal("~2F", TableKey.Encode("/"));
        Assert.Equal("~5C", TableKey.Encode("\\"));
        Assert.Equal("~23", TableKey.Encode("#"));
        Assert.Equal("~3F", TableKey.Encode("?"));
        Assert.Equal("~25", TableKey.Encode("%"));
        Assert.Equal("~7E", TableKey.Encode("~"));
        Assert.Equal("~00", TableKey.Encode("\0"));
        Assert.Equal("~1F", TableKey.Encode("\u001F"));
        Assert.Equal("~7F", TableKey.Encode("\u007F"));
        Assert.Equal("~C2~80", TableKey.Encode("\u0080"));
        Assert.Equal("~C2~9F", TableKey.Encode("\u009F"));
    }

    [Fact]
    public void Encode_OrdinaryAndUnicodeText_IsKept()
    {
        Assert.Equal("abc-DEF_123 é😀'", TableKey.Encode("abc-DEF_123 é😀'"));
    }

    [Theory]
    [InlineData("~")]
    [InlineData("~2")]
    [InlineData("~ZZ")]
    public void Decode_MalformedEscape_ThrowsFormatException(string key)
    {
        Assert.Throws<FormatException>(() => TableKey.Decode(key));
    }
}
