using System.Text.Json;
using System.Text.Json.Nodes;
using RenderHooks.Providers.Json2Video;

namespace RenderHooks.Tests.Providers;

public class FormBodyReaderTests
{
    private static string Read(string form)
    {
        Assert.True(FormBodyReader.TryRead(PayloadFile.Utf8(form), out var document, out _, out var reason), reason);
        using (document)
        {
            return JsonSerializer.Serialize(document.RootElement);
        }
    }

    [Theory]
    [InlineData("a=1&b=2", """{"a":"1","b":"2"}""")]
    [InlineData("a=hello+world&b=%C3%A9%F0%9F%8E%AC", """{"a":"hello world","b":"\u00E9\uD83C\uDFAC"}""")]
    [InlineData("a&b=", """{"a":"","b":""}""")]
    [InlineData("=x&a=1", """{"a":"1"}""")]
    [InlineData("a=1=2", """{"a":"1=2"}""")]
    [InlineData("client-data%5Border_id%5D=ord_42", """{"client-data":{"order_id":"ord_42"}}""")]
    [InlineData("client-data[a][b]=c&client-data[a][d]=e&client-data[x]=y", """{"client-data":{"a":{"b":"c","d":"e"},"x":"y"}}""")]
    [InlineData("a[]=1", """{"a":["1"]}""")]
    [InlineData("client-data[tags][]=a&client-data[tags][]=b", """{"client-data":{"tags":["a","b"]}}""")]
    [InlineData("client-data[k]=1&client-data[k]=2", """{"client-data":{"k":"1"}}""")]
    [InlineData("client-data=x&client-data[k]=1", """{"client-data":"x"}""")]
    [InlineData("client-data[k]=1&client-data=x", """{"client-data":{"k":"1"}}""")]
    [InlineData("a[b[]=1", """{"a[b[]":"1"}""")]
    [InlineData("a[b=1", """{"a[b":"1"}""")]
    [InlineData("a[b]c]=1", """{"a[b]c]":"1"}""")]
    [InlineData("[b]=1", """{"[b]":"1"}""")]
    [InlineData("a[b][[c]]=1", """{"a[b][[c]]":"1"}""")]
    [InlineData("a=%ZZ", """{"a":"%ZZ"}""")]
    public void TryRead_Form_BecomesJsonObjectOfStrings(string form, string expected)
    {
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(Read(form))), Read(form));
    }

    [Fact]
    public void TryRead_TooManyFields_Fails()
    {
        var form = string.Join('&', Enumerable.Range(0, FormBodyReader.MaxFields + 1).Select(i => $"f{i}=1"));

        Assert.False(FormBodyReader.TryRead(PayloadFile.Utf8(form), out _, out _, out var reason));
        Assert.Equal("form has more than 1000 fields", reason);
    }

    [Theory]
    [InlineData("a[1][2][3][4][5][6][7]=x", """{"a":{"1":{"2":{"3":{"4":{"5":{"6":{"7":"x"}}}}}}}}""")]
    [InlineData("a[1][2][3][4][5][6][7][]=x", """{"a":{"1":{"2":{"3":{"4":{"5":{"6":{"7":["x"]}}}}}}}}""")]
    [InlineData("a[1][2][3][4][5][6][7][8][=x", """{"a[1][2][3][4][5][6][7][8][":"x"}""")]
    public void TryRead_KeyAtTheDepthLimitOrNotBracketSyntax_Kept(string form, string expected)
    {
        Assert.True(FormBodyReader.TryRead(PayloadFile.Utf8(form), out var document, out var note, out var reason), reason);
        using (document)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(document.RootElement.GetRawText())), document.RootElement.GetRawText());
        }

        Assert.Null(note);
    }

    [Fact]
    public void TryRead_KeyDeeperThanTheLimit_LeftOutAndNamedInTheNote()
    {
        const string form = "project=P1&a[1][2][3][4][5][6][7][8]=x&client-data[k]=v";

        Assert.True(FormBodyReader.TryRead(PayloadFile.Utf8(form), out var document, out var note, out var reason), reason);
        using (document)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"project":"P1","client-data":{"k":"v"}}"""), JsonNode.Parse(document.RootElement.GetRawText())));
        }

        Assert.Equal("form field 'a[1][2][3][4][5][6][7][8]' is nested deeper than 8 levels and was left out", note);
    }

    [Fact]
    public void TryRead_SeveralFieldsLeftOut_OneNoteCountsThem()
    {
        var longName = new string('n', FormBodyReader.MaxKeyLength + 1);
        var form = $"project=P1&b[1][2][3][4][5][6][7][8][9]=x&a[1][2][3][4][5][6][7][8]=x&{longName}=1&{longName}%5Bx%5D=2&c=3";

        Assert.True(FormBodyReader.TryRead(PayloadFile.Utf8(form), out var document, out var note, out var reason), reason);
        using (document)
        {
            Assert.Equal(["project", "c"], document.RootElement.EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal(
            "2 form fields nested deeper than 8 levels were left out (the first: 'b[1][2][3][4][5][6][7][8][9]'); 2 form fields with names over 512 characters were left out",
            note);
    }

    [Fact]
    public void TryRead_NameOfTheMaximumLength_Kept()
    {
        var name = new string('n', FormBodyReader.MaxKeyLength);

        Assert.True(FormBodyReader.TryRead(PayloadFile.Utf8($"{name}=1"), out var document, out var note, out var reason), reason);
        using (document)
        {
            Assert.Equal("1", document.RootElement.GetProperty(name).GetString());
        }

        Assert.Null(note);
    }

    [Fact]
    public void TryRead_EncodedNameOfTheMaximumLength_Kept()
    {
        // 4-byte characters, each 12 bytes encoded and 2 UTF-16 characters decoded: the most the encoding can take.
        var encoded = string.Concat(Enumerable.Repeat("%F0%9F%8E%AC", FormBodyReader.MaxKeyLength / 2));

        Assert.True(FormBodyReader.TryRead(PayloadFile.Utf8($"{encoded}=1"), out var document, out var note, out var reason), reason);
        using (document)
        {
            Assert.Equal(string.Concat(Enumerable.Repeat("🎬", FormBodyReader.MaxKeyLength / 2)), Assert.Single(document.RootElement.EnumerateObject()).Name);
        }

        Assert.Null(note);
    }
}
