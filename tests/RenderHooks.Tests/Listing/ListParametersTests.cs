using RenderHooks.Listing;

namespace RenderHooks.Tests.Listing;

public sealed class ListParametersTests
{
    [Theory]
    [InlineData("2026-12-01", "2026-12-01T00:00:00Z")]
    [InlineData("2026-12-01T08:30:00Z", "2026-12-01T08:30:00Z")]
    [InlineData("2026-12-01T08:30:00+01:00", "2026-12-01T07:30:00Z")]
    [InlineData("2026-12-01T08:30:00", "2026-12-01T08:30:00Z")]
    [InlineData("2026-12-01T08:30:00.25Z", "2026-12-01T08:30:00.25Z")]
    [InlineData("2026-12-01T08:30Z", "2026-12-01T08:30:00Z")]
    public void Since_Iso8601_ReadAsUtc(string value, string expected)
    {
        Assert.True(ListParameters.TryParseSince(value, out var since, out _));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), since);
        Assert.Equal(TimeSpan.Zero, since!.Value.Offset);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("12/01/2026")]
    [InlineData("01.12.2026")]
    [InlineData("2026-13-01")]
    [InlineData("")]
    public void Since_NotIso8601_Refused(string value)
    {
        Assert.False(ListParameters.TryParseSince(value, out _, out var problem));
        Assert.Equal("since", problem!.Parameter);
    }

    [Theory]
    [InlineData(null, 50)]
    [InlineData("1", 1)]
    [InlineData("200", 200)]
    public void Limit_Taken(string? value, int expected)
    {
        Assert.True(ListParameters.TryParseLimit(value, out var limit, out _));
        Assert.Equal(expected, limit);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("5.0")]
    [InlineData("99999999999")]
    public void Limit_OutOfRangeOrNotAWholeNumber_Refused(string value)
    {
        Assert.False(ListParameters.TryParseLimit(value, out _, out var problem));
        Assert.Equal("limit", problem!.Parameter);
    }
}
