using RenderHooks.Jobs;
using RenderHooks.Providers;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Providers;

public sealed class JobIdRulesTests
{
    [Theory]
    [InlineData("JkGxEoPRF9EgRb32")]
    [InlineData("a1b2c3d4-e5f6-7890-abcd-ef1234567890")]
    [InlineData("reg/1")]
    [InlineData("commande-été-🎬")]
    [InlineData("a b")]
    public void TryValidate_OrdinaryIds_Accepted(string id)
    {
        Assert.True(JobIdRules.TryValidate(id, "jobId", out var valid, out var reason), reason);
        Assert.Equal(id, valid);
    }

    [Theory]
    [InlineData("ord\u202E24_dro", "U+202E right-to-left override")]
    [InlineData("ord\u202D42", "U+202D left-to-right override")]
    [InlineData("ord\u206642\u2069", "U+2066 isolate")]
    [InlineData("ord\u200B42", "U+200B zero-width space")]
    [InlineData("ord\u200D42", "U+200D zero-width joiner")]
    [InlineData("ord\uFEFF42", "U+FEFF zero-width no-break space")]
    [InlineData("ord\u00AD42", "U+00AD soft hyphen")]
    [InlineData("ord\U000E0041", "U+E0041 tag letter (outside the BMP)")]
    [InlineData("ord\u202842", "U+2028 line separator")]
    [InlineData("ord\u202942", "U+2029 paragraph separator")]
    public void TryValidate_InvisibleFormatCharacters_Refused(string id, string what)
    {
        Assert.False(JobIdRules.TryValidate(id, "jobId", out _, out var reason), what);
        Assert.Equal("jobId contains invisible format characters (such as bidi controls, zero-width characters or line separators)", reason);
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\u001Bb")]
    [InlineData("a\u0085b")]
    public void TryValidate_ControlCharacters_Refused(string id)
    {
        Assert.False(JobIdRules.TryValidate(id, "jobId", out _, out var reason));
        Assert.Equal("jobId contains control characters", reason);
    }

    [Fact]
    public void TryValidate_IdThatJustFitsEveryKeyOnceEscaped_Accepted()
    {
        var id = new string('/', JobKeys.MaxEscapedJobIdLength / 3); // 164 slashes: 492 characters escaped

        Assert.True(JobIdRules.TryValidate(id, "jobId", out _, out var reason), reason);
        Assert.Equal(JobKeys.MaxEscapedJobIdLength, TableKey.Encode(id).Length);
    }

    [Theory]
    [InlineData('/')]
    [InlineData('%')]
    [InlineData('~')]
    [InlineData('#')]
    [InlineData('?')]
    [InlineData('\\')]
    public void TryValidate_IdThatOutgrowsTheKeysOnceEscaped_Refused(char escaped)
    {
        var id = new string(escaped, JobKeys.MaxEscapedJobIdLength / 3 + 1); // 165 characters, 495 escaped

        Assert.False(JobIdRules.TryValidate(id, "jobId", out _, out var reason));
        Assert.Equal("jobId is 495 characters long as a table key, over 492 ('/', '\\', '#', '?', '%' and '~' take 3 each)", reason);
    }

    [Fact]
    public void TryValidate_LongestIdWithoutEscapes_Accepted()
    {
        Assert.True(JobIdRules.TryValidate(new string('j', JobIdRules.MaxLength), "jobId", out _, out var reason), reason);
    }

    [Theory]
    [InlineData("reg%2F1")]
    [InlineData("reg%2f1")]
    [InlineData("a%20b")]
    [InlineData("%41")]
    [InlineData("end%FF")]
    public void TryValidate_PercentAndTwoHexDigits_Refused(string id)
    {
        Assert.False(JobIdRules.TryValidate(id, "job_id", out _, out var reason));
        Assert.Equal("job_id contains '%' followed by two hexadecimal digits, which a URL cannot tell from an escape", reason);
    }

    [Theory]
    [InlineData("50%off")]
    [InlineData("100%")]
    [InlineData("a%2")]
    [InlineData("%%")]
    [InlineData("%g1")]
    public void TryValidate_PercentNotFollowedByTwoHexDigits_Accepted(string id)
    {
        Assert.True(JobIdRules.TryValidate(id, "job_id", out _, out var reason), reason);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData(" .. ")]
    public void TryValidate_DotSegments_Refused(string id)
    {
        Assert.False(JobIdRules.TryValidate(id, "jobId", out _, out var reason));
        Assert.Equal("jobId cannot be '.' or '..' (a URL drops them)", reason);
    }
}
