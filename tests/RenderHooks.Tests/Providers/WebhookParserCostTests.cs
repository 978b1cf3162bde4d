using RenderHooks.Jobs;
using RenderHooks.Providers;
using RenderHooks.Providers.Json2Video;
using RenderHooks.Providers.PhantomFlow;
using RenderHooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RenderHooks.Tests.Providers;

/// <summary>
/// Both providers' adapters on JSON bodies built to be expensive — the strict parse (<c>JsonBody</c>), the second pass
/// that explains a refusal (<c>JsonDiagnostics</c>), the lenient field reads (<c>LenientValue</c>), client data in every
/// form it may take, and what processing keeps of it (<c>ClientDataJson</c>): memory linear in the body, at the sizes the
/// large-payload work will allow (1 MiB).
/// </summary>
public sealed class WebhookParserCostTests(ITestOutputHelper output)
{
    /// <summary>Every webhook parser stays under this many bytes allocated per body byte.</summary>
    public const double PerBodyByte = 16;

    private const int OneMiB = CostlyInput.OneMiB;

    /// <summary>The cases by name, built when a test runs: 1 MiB arguments would weigh on test discovery.</summary>
    private static readonly Dictionary<(string Provider, string What), Func<byte[]>> Cases = BuildCases();

    public static TheoryData<string, string> CostlyBodies
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (provider, what) in Cases.Keys)
            {
                data.Add(provider, what);
            }

            return data;
        }
    }

    private static Dictionary<(string Provider, string What), Func<byte[]>> BuildCases()
    {
            var data = new Dictionary<(string Provider, string What), Func<byte[]>>();
            foreach (var (provider, head) in ((string, string)[])[(ProviderNames.PhantomFlow, """{"job_id":"J1","status":"completed","""), (ProviderNames.Json2Video, """{"project":"P1","url":"https://a.example/m.mp4",""")])
            {
                data.Add((provider, "1 MiB of one-digit array elements"), () => CostlyInput.Utf8(head + "\"a\":[" + CostlyInput.Fill("0,", "0]}")));
                data.Add((provider, "1 MiB of empty arrays nested 30 deep"), () => CostlyInput.Utf8(head + "\"a\":[" + CostlyInput.Fill(new string('[', 30) + new string(']', 30) + ",", "[]]}")));
                data.Add((provider, "1 MiB of empty objects"), () => CostlyInput.Utf8(head + "\"a\":[" + CostlyInput.Fill("{},", "{}]}")));
                data.Add((provider, "1 MiB of short distinct property names"), () => CostlyInput.Utf8(head + CostlyInput.Properties(i => $"\"{i:x}\":0", "}")));
                data.Add((provider, "1 MiB of escaped property names"), () => CostlyInput.Utf8(head + CostlyInput.Properties(i => $"\"\\u0061{i:x}\":0", "}")));
                data.Add((provider, "1 MiB of short names, a duplicate at the end"), () => CostlyInput.Utf8(head + CostlyInput.Properties(i => $"\"{i:x}\":0", ",\"0\":1}")));
                data.Add((provider, "1 MiB of short names, cut off at the end"), () => CostlyInput.Utf8(head + CostlyInput.Properties(i => $"\"{i:x}\":0", ",")));
                data.Add((provider, "1 MiB of empty objects, cut off at the end"), () => CostlyInput.Utf8(head + "\"a\":[" + CostlyInput.Fill("{},", "{}")));
                data.Add((provider, "1 MiB of empty objects with one name each, a duplicate at the end"), () => CostlyInput.Utf8(head + "\"a\":[" + CostlyInput.Fill("{\"a\":0},", "{\"a\":0,\"a\":1}]}")));
                data.Add((provider, "one 1 MiB escaped string"), () => CostlyInput.Utf8(head + "\"a\":\"" + CostlyInput.Fill("\\u0041", "\"}")));
                data.Add((provider, "one 1 MiB property name, twice"), () => CostlyInput.Utf8(head + $"\"{new string('n', OneMiB / 2 - 100)}\":0,\"{new string('n', OneMiB / 2 - 100)}\":1}}"));
            }

            const string j2v = """{"project":"P1","url":"https://a.example/m.mp4",""";
            const string pf = """{"job_id":"J1","status":"completed","output_url":"https://a.example/m.mp4",""";
            data.Add((ProviderNames.Json2Video, "numeric fields of 1/8 MiB digit strings each"), () => CostlyInput.Utf8(j2v + string.Join(',', ((string[])["duration", "width", "height", "size"]).Select(f => $"\"{f}\":\"{new string('9', OneMiB / 8)}\"")) + "}"));
            data.Add((ProviderNames.PhantomFlow, "numeric fields of 1/8 MiB digits each"), () => CostlyInput.Utf8(pf + string.Join(',', ((string[])["duration_seconds", "width", "height", "size_bytes", "credits_used"]).Select(f => $"\"{f}\":{new string('9', OneMiB / 8)}")) + "}"));
            data.Add((ProviderNames.PhantomFlow, "an error message and code of 1/2 MiB each"), () => CostlyInput.Utf8("""{"job_id":"J1","status":"failed","error":{"code":""" + $"\"{new string('c', OneMiB / 2 - 100)}\",\"message\":\"{new string('m', OneMiB / 2 - 100)}\"}}}}"));
            data.Add((ProviderNames.Json2Video, "client data of 1 MiB of short properties"), () => CostlyInput.Utf8(j2v + "\"client-data\":{" + CostlyInput.Properties(i => $"\"{i:x}\":0", "}}")));
            data.Add((ProviderNames.Json2Video, "client data of 1 MiB of nested arrays"), () => CostlyInput.Utf8(j2v + "\"client-data\":{\"a\":[" + CostlyInput.Fill("[[[[[[[[]]]]]]]],", "[]]}}")));
            data.Add((ProviderNames.Json2Video, "client data as a 1 MiB string of JSON after whitespace"), () => CostlyInput.Utf8(j2v + "\"client-data\":\"" + new string(' ', OneMiB / 2) + "{" + CostlyInput.Properties(i => $"\\\"{i:x}\\\":0", "}\"}", OneMiB / 2 - 200)));
            data.Add((ProviderNames.Json2Video, "client data of 256 KiB (the most read) of nested arrays"), () => CostlyInput.Utf8(j2v + "\"client-data\":{\"a\":[" + CostlyInput.Fill("[[[[[[[[]]]]]]]],", "[]]}}", Json2VideoAdapter.MaxClientDataBytes - 100)));
            data.Add((ProviderNames.Json2Video, "client data as a 256 KiB string of JSON arrays"), () => CostlyInput.Utf8(j2v + "\"client-data\":\"{\\\"a\\\":[" + CostlyInput.Fill("[[[[]]]],", "[]]}\"}", Json2VideoAdapter.MaxClientDataBytes - 100)));
            data.Add((ProviderNames.Json2Video, "client data as a 1 MiB string of JSON arrays"), () => CostlyInput.Utf8(j2v + "\"client-data\":\"{\\\"a\\\":[" + CostlyInput.Fill("[[[[]]]],", "[]]}\"}")));
            data.Add((ProviderNames.Json2Video, "a 1 MiB movie id"), () => CostlyInput.Utf8(j2v + $"\"id\":\"{new string('i', OneMiB - 100)}\"}}"));
            data.Add((ProviderNames.Json2Video, "a 1 MiB message, the movie shape"), () => CostlyInput.Utf8("""{"success":false,"movie":{"project":"P1","message":""" + $"\"{new string('m', OneMiB - 100)}\"}}}}"));
            return data;
    }

    [Theory]
    [MemberData(nameof(CostlyBodies))]
    public void Parse_CostlyJson_AllocatesLinearInTheBody(string provider, string what)
    {
        var body = Cases[(provider, what)]();
        IProviderAdapter adapter = provider == ProviderNames.PhantomFlow ? new PhantomFlowAdapter() : new Json2VideoAdapter();

        var allocated = Allocations.Measure(() =>
        {
            var result = adapter.Parse(body, "application/json");
            if (result.IsSuccess)
            {
                // What processing keeps of the client data, as the job is recorded.
                ClientDataJson.ToUtf8(result.Report.ClientData, out _);
            }
        });

        Allocations.AssertLinear(allocated, body.Length, PerBodyByte, $"{provider}: {what}", output: output);
    }
}
