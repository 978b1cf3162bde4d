using RenderHooks.Providers;
using RenderHooks.Providers.Json2Video;
using RenderHooks.Providers.PhantomFlow;

namespace RenderHooks.Tests.Providers;

public class AdapterRobustnessTests
{
    private static readonly string[] MediaTypes = ["application/json", "application/x-www-form-urlencoded", "text/plain"];

    private static readonly string[] Files =
    [
        "PhantomFlow/completed.json", "PhantomFlow/failed.json",
        "Json2Video/reference.json", "Json2Video/reference.form", "Json2Video/status-done.json", "Json2Video/status-error.json",
        "Json2Video/movie-envelope.json", "Json2Video/movie-envelope-error.json", "Json2Video/empty-url.json", "Json2Video/partial-url.json",
    ];

    public static TheoryData<IProviderAdapter> Adapters => new() { new PhantomFlowAdapter(), new Json2VideoAdapter() };

    [Theory]
    [MemberData(nameof(Adapters))]
    public void Parse_MutatedPayloads_NeverThrowAndAlwaysExplainFailures(IProviderAdapter adapter)
    {
        var random = new Random(20261123);
        foreach (var file in Files)
        {
            var original = PayloadFile.Read(file);
            for (var round = 0; round < 300; round++)
            {
                var body = Mutate(original, random);
                foreach (var mediaType in MediaTypes)
                {
                    var result = adapter.Parse(body, mediaType);

                    Assert.True(result.IsSuccess || !string.IsNullOrWhiteSpace(result.Reason));
                    Assert.True(result.IsSuccess || result.Reason!.Length < 120, result.Reason);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Adapters))]
    public void Parse_UnpairedSurrogateInPropertyName_FailsWithoutThrowing(IProviderAdapter adapter)
    {
        var result = adapter.Parse(PayloadFile.Utf8("""{"job_id":"j1","project":"p1","status":"failed","\uD800":1}"""), "application/json");

        Assert.False(result.IsSuccess);
        Assert.Equal("body is not valid JSON (a property name has an unpaired surrogate escape)", result.Reason);
    }

    [Theory]
    [MemberData(nameof(Adapters))]
    public void Parse_UnpairedSurrogateInUnknownFieldValue_IsIgnored(IProviderAdapter adapter)
    {
        var result = adapter.Parse(PayloadFile.Utf8("""{"job_id":"j1","project":"p1","status":"failed","note":"\uDC00"}"""), "application/json");

        Assert.True(result.IsSuccess, result.Reason);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                case 2:
                    bytes.Insert(at, "{}[]\",:\\&=%"u8[random.Next(11)]);
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
