using RenderHooks.Providers.Json2Video;
using RenderHooks.Providers.PhantomFlow;
using RenderHooks.Providers.StatusApi;
using RenderHooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RenderHooks.Tests.Providers.StatusApi;

/// <summary>
/// The status readers on answers as large as the client reads (<see cref="StatusApiServiceCollectionExtensions.MaxAnswerBytes"/>,
/// 1 MiB), built to be expensive: a provider's answer is untrusted too (the configured host may be wrong or taken over).
/// </summary>
public sealed class StatusReaderCostTests(ITestOutputHelper output)
{
    private const int Size = StatusApiServiceCollectionExtensions.MaxAnswerBytes - 200;

    public static TheoryData<string> CostlyAnswers => new(Answers.Keys);

    private static Dictionary<string, (Func<byte[]> Body, bool PhantomFlow)> Answers { get; } = new()
    {
        ["json2video: a done movie with 1 MiB of short properties"] = (() => CostlyInput.Utf8("""{"success":true,"movie":{"status":"done","project":"P1","url":"https://a.example/m.mp4",""" + CostlyInput.Properties(i => $"\"{i:x}\":0", "}}", Size)), false),
        ["json2video: a done movie with 1 MiB of client data"] = (() => CostlyInput.Utf8("""{"success":true,"movie":{"status":"done","project":"P1","url":"https://a.example/m.mp4","client-data":{""" + CostlyInput.Properties(i => $"\"{i:x}\":0", "}}}", Size)), false),
        ["json2video: a done movie with 1 MiB of nested arrays"] = (() => CostlyInput.Utf8("""{"success":true,"movie":{"status":"done","project":"P1","a":[""" + CostlyInput.Fill("[[[[[[[[]]]]]]]],", "[]]}}", Size)), false),
        ["json2video: a 1 MiB error message"] = (() => CostlyInput.Utf8("""{"success":false,"message":""" + "\"" + CostlyInput.Fill("\\u0041", "\"}", Size)), false),
        ["phantomflow: a completed job with 1 MiB of short properties"] = (() => CostlyInput.Utf8("""{"job_id":"J1","status":"completed","output_url":"https://a.example/m.mp4",""" + CostlyInput.Properties(i => $"\"{i:x}\":0", "}", Size)), true),
        ["phantomflow: a failed job with 1 MiB of escaped text"] = (() => CostlyInput.Utf8("""{"data":{"job":{"job_id":"J1","status":"failed","error":{"message":""" + "\"" + CostlyInput.Fill("\\u0041", "\"}}}}", Size)), true),
        ["phantomflow: 1 MiB of empty objects, cut off"] = (() => CostlyInput.Utf8("""{"job_id":"J1","status":"completed","a":[""" + CostlyInput.Fill("{},", "{}", Size)), true),
    };

    [Theory]
    [MemberData(nameof(CostlyAnswers))]
    public void Read_CostlyAnswer_AllocatesLinearInTheAnswer(string what)
    {
        var (build, phantomFlow) = Answers[what];
        var answer = new StatusApiAnswer(200, build(), null);

        var allocated = Allocations.Measure(() =>
        {
            var status = phantomFlow ? PhantomFlowStatusReader.Read(answer, "J1") : Json2VideoStatusReader.Read(answer, "P1");
            Assert.NotNull(status);
        });

        Allocations.AssertLinear(allocated, answer.Body.Length, WebhookParserCostTests.PerBodyByte, what, output: output);
    }
}
