using RenderHooks.Intake;

namespace RenderHooks.Tests.Intake;

public sealed class ContentTypeCheckTests
{
    [Theory]
    [InlineData("application/json", "application/json")]
    [InlineData("Application/JSON; charset=UTF-8", "application/json")]
    [InlineData("application/json; charset=\"utf-8\"", "application/json")]
    [InlineData("application/x-www-form-urlencoded", "application/x-www-form-urlencoded")]
    [InlineData("application/vnd.render+json;charset=utf8", "application/vnd.render+json")]
    public void TryGetMediaType_Utf8OrNoCharset_LowerCaseMediaType(string header, string expected)
    {
        Assert.True(ContentTypeCheck.TryGetMediaType(header, out var mediaType, out _));
        Assert.Equal(expected, mediaType);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("json", "not a valid media type")]
    [InlineData("application/json; charset=iso-8859-1", "UTF-8")]
    [InlineData("application/json; charset=utf-16", "UTF-8")]
    [InlineData("application/json; charset=utf-8; a=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "longer than 127 characters")]
    public void TryGetMediaType_MissingInvalidOrOtherCharset_FalseWithReason(string? header, string reason)
    {
        Assert.False(ContentTypeCheck.TryGetMediaType(header, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}
