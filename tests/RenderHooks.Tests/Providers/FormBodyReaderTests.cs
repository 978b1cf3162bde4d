using System.Text.Json;
using System.Text.Json.Nodes;
using RenderHooks.Providers.Json2Video;

namespace RenderHooks.Tests.Providers;

public class FormBodyReaderTests
{
    private static string Read(string form)
    {
        Assert.True(FormBodyReader.TryRead(PayloadFile.Utf8(form), out var document, out var reason), reason);
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

        Assert.False(FormBodyReader.TryRead(PayloadFile.Utf8(form), out _, out var reason));
        Assert.Equal("form has more than 1000 fields", reason);
    }
}
