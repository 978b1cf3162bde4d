using System.Text;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Storage;

public sealed class StorageJsonTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Parse_WithOrWithoutByteOrderMark_ReadsTheBody(bool bom)
    {
        var json = Encoding.UTF8.GetBytes("""{"value":[{"PartitionKey":"p"}]}""");
        var bytes = bom ? [.. Encoding.UTF8.GetPreamble(), .. json] : json;

        using var document = StorageJson.Parse(BinaryData.FromBytes(bytes));

        Assert.Equal("p", document.RootElement.GetProperty("value")[0].GetProperty("PartitionKey").GetString());
    }
}
