using System.Text.Json;
using RenderHooks.Providers;

namespace RenderHooks.Tests.Providers;

public class LenientValueTests
{
    private static JsonElement? Value(string json) =>
        json.Length == 0 ? null : JsonDocument.Parse(json).RootElement.Clone();

    [Theory]
    [InlineData("15.2", 15.2)]
    [InlineData("\"15.2\"", 15.2)]
    [InlineData("\" 15.2 \"", 15.2)]
    [InlineData("\"1.52e1\"", 15.2)]
    [InlineData("0", 0.0)]
    [InlineData("-0", 0.0)]
    [InlineData("\"10\"", 10.0)]
    [InlineData("1.7976931348623157e308", double.MaxValue)]
    public void ReadDouble_NumberOrNumericString_ReturnsValue(string json, double expected)
    {
        Assert.Equal(expected, LenientValue.ReadDouble(Value(json)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("\"NaN\"")]
    [InlineData("\"nan\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"∞\"")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("\"1e400\"")]
    [InlineData("-0.5")]
    [InlineData("\"1,000\"")]
    [InlineData("\"0x10\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("[1]")]
    public void ReadDouble_Unusable_ReturnsNull(string json)
    {
        Assert.Null(LenientValue.ReadDouble(Value(json)));
    }

    [Theory]
    [InlineData("16", 16L)]
    [InlineData("\"16\"", 16L)]
    [InlineData("16.0", 16L)]
    [InlineData("1.6e1", 16L)]
    [InlineData("\"+16\"", 16L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("0", 0L)]
    public void ReadInt64_WholeNumber_ReturnsValue(string json, long expected)
    {
        Assert.Equal(expected, LenientValue.ReadInt64(Value(json)));
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("1e19")]
    [InlineData("16.5")]
    [InlineData("-1")]
    [InlineData("\"NaN\"")]
    [InlineData("1e400")]
    [InlineData("\"16 bytes\"")]
    public void ReadInt64_Unusable_ReturnsNull(string json)
    {
        Assert.Null(LenientValue.ReadInt64(Value(json)));
    }

    [Theory]
    [InlineData("2147483647", 2147483647)]
    [InlineData("\"1920\"", 1920)]
    public void ReadInt32_InRange_ReturnsValue(string json, int expected)
    {
        Assert.Equal(expected, LenientValue.ReadInt32(Value(json)));
    }

    [Fact]
    public void ReadInt32_AboveIntMax_ReturnsNull()
    {
        Assert.Null(LenientValue.ReadInt32(Value("2147483648")));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"TRUE\"", true)]
    [InlineData("\"false\"", false)]
    [InlineData("\"1\"", true)]
    [InlineData("\"0\"", false)]
    [InlineData("\"yes\"", null)]
    [InlineData("1", null)]
    [InlineData("null", null)]
    public void ReadBoolean_Value_ReturnsFlag(string json, bool? expected)
    {
        Assert.Equal(expected, LenientValue.ReadBoolean(Value(json)));
    }

    [Fact]
    public void ReadString_UnpairedSurrogateEscape_ReturnsNullWithoutThrowing()
    {
        Assert.Null(LenientValue.ReadString(Value("\"\\uDC00\"")));
    }
}
