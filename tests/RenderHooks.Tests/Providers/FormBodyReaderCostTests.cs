using RenderHooks.Providers.Json2Video;
using RenderHooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RenderHooks.Tests.Providers;

/// <summary>
/// The form reader on bodies built to be expensive: memory linear in the body, no recursion on the key's structure.
/// The first case is the security review's: <c>a</c> + <c>[]</c>×17,918 + <c>=1</c> (35,839 bytes) took a Debug server to a
/// stack overflow and a Release one to 735 MB. Run in Debug by default; <c>dotnet test -c Release --filter FormBodyReaderCost</c>
/// runs the same cases against the Release build.
/// </summary>
public sealed class FormBodyReaderCostTests(ITestOutputHelper output)
{
    /// <summary>Up to 8 nested objects, the name and the value of one field.</summary>
    private const int PerField = 2560;

    private const int OneMiB = CostlyInput.OneMiB;

    /// <summary>The cases by name, built when a test runs: 1 MiB arguments would weigh on test discovery.</summary>
    private static readonly Dictionary<string, Func<byte[]>> Cases = new()
    {
        { "the review's crafted key: a + []×17,918 (35,839 bytes)", () => CostlyInput.Utf8("a" + CostlyInput.Repeat("[]", 17_918) + "=1") },
        { "an empty-bracket key filling 1 MiB", () => CostlyInput.Utf8("a" + CostlyInput.Repeat("[]", (OneMiB - 3) / 2) + "=1") },
        { "a percent-encoded bracket key filling 1 MiB", () => CostlyInput.Utf8("a" + CostlyInput.Repeat("%5B%5D", (OneMiB - 3) / 6) + "=1") },
        { "a valid bracket key of 1 MiB", () => CostlyInput.Utf8("a" + CostlyInput.Repeat("[b]", (OneMiB - 3) / 3) + "=1") },
        { "unclosed brackets filling 1 MiB", () => CostlyInput.Utf8("a" + CostlyInput.Repeat("[", OneMiB - 4) + "]=1") },
        { "closing brackets filling 1 MiB", () => CostlyInput.Utf8("a[" + CostlyInput.Repeat("]", OneMiB - 4) + "=1") },
        { "1,000 fields each 8 levels deep, distinct at every level", () => CostlyInput.Utf8(string.Join('&', Enumerable.Range(0, 1000).Select(i => $"c[{i}][{i}][{i}][{i}][{i}][{i}][{i}]=1"))) },
        { "1,000 fields of 1 KiB keys, 8 levels", () => CostlyInput.Utf8(string.Join('&', Enumerable.Range(0, 1000).Select(i => $"c{i}" + CostlyInput.Repeat($"[{new string('k', 60)}]", 7) + "=1"))) },
        { "1,000 appends to one array, 1 MiB of values", () => CostlyInput.Utf8(string.Join('&', Enumerable.Range(0, 1000).Select(_ => "c[t][]=" + new string('v', 1040)))) },
        { "one value of 1 MiB of escapes", () => CostlyInput.Utf8("project=P1&v=" + CostlyInput.Repeat("%3C", (OneMiB - 13) / 3)) },
        { "one value of 1 MiB of raw 2-byte characters", () => CostlyInput.Utf8("project=P1&v=" + CostlyInput.Repeat("é", (OneMiB - 13) / 2)) },
        { "one value of 1 MiB of 4-byte characters", () => CostlyInput.Utf8("project=P1&v=" + CostlyInput.Repeat("🎬", (OneMiB - 13) / 4)) },
        { "1 MiB of ampersands", () => CostlyInput.Utf8(CostlyInput.Repeat("&", OneMiB)) },
        { "1 MiB of equals signs", () => CostlyInput.Utf8(CostlyInput.Repeat("=", OneMiB)) },
        { "1,000 fields, the last one 1 MiB of plus signs", () => CostlyInput.Utf8(string.Join('&', Enumerable.Range(0, 999).Select(i => $"f{i}=1")) + "&x=" + CostlyInput.Repeat("+", OneMiB - 7_000)) },
    };

    public static TheoryData<string> CostlyForms => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CostlyForms))]
    public void TryRead_CostlyForm_AllocatesLinearInTheBody(string what)
    {
        var body = Cases[what]();
        var allocated = Allocations.Measure(() =>
        {
            if (FormBodyReader.TryRead(body, out var document, out _, out _))
            {
                document.Dispose();
            }
        });

        // Per body byte as every webhook parser, plus what each field's own objects take (at most MaxFields of them).
        var fields = body.AsSpan().Count((byte)'&') + 1;
        Allocations.AssertLinear(allocated, body.Length, WebhookParserCostTests.PerBodyByte, what, allowance: Math.Min(fields, FormBodyReader.MaxFields) * PerField, output: output);
    }

    [Fact]
    public void TryRead_TheReviewsCraftedKey_IsReadWithoutTheKeyAndSaysSo()
    {
        var body = CostlyInput.Utf8("project=P1&a" + CostlyInput.Repeat("[]", 17_918) + "=1");

        Assert.True(FormBodyReader.TryRead(body, out var document, out var note, out var reason), reason);
        using (document)
        {
            Assert.Equal("P1", document.RootElement.GetProperty("project").GetString());
            Assert.Single(document.RootElement.EnumerateObject());
        }

        Assert.Equal($"1 form field with a name over {FormBodyReader.MaxKeyLength} characters was left out", note);
    }
}
