using System.Text;
using RenderHooks.Events;
using RenderHooks.Intake;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Resilience;

/// <summary>One webhook as a provider sends it, with what it reports (nothing, if it cannot be parsed).</summary>
internal sealed record TestWebhook(string Provider, string? JobId, string? Status, string Body, string ContentType = "application/json")
{
    public bool IsValid => JobId is not null;

    /// <summary>The stable id of the event this webhook's state is published with.</summary>
    public string ExpectedEventId => IsValid
        ? EventIds.For(Provider, JobId!, Status!, verified: false)
        : throw new InvalidOperationException("An unparseable webhook has no event.");

    /// <summary>
    /// The <paramref name="index"/>-th webhook of a mix: PhantomFlow completed and failed, JSON2Video completed and,
    /// when <paramref name="withUnparseable"/>, one in ten a PhantomFlow body without a job id. A share are JSON2Video
    /// webhooks too large for a queue message (<see cref="LargePayloads"/>), which go through a payload blob: two in 25
    /// of 40 KiB (one JSON, one urlencoded; archived in the row), one in 100 of 1 MiB (archived by reference).
    /// </summary>
    public static TestWebhook Mix(int index, bool withUnparseable)
    {
        if (withUnparseable && index % 10 == 9)
        {
            return new TestWebhook("phantomflow", null, null, """{"status":"completed","output_url":"https://cdn.phantomflow.dev/output/x.mp4"}""");
        }

        if (index % 100 == 42 || index % 25 is 5 or 17)
        {
            var large = TestPayloads.NewJson2VideoProject();
            var form = index % 25 == 17;
            var bytes = index % 100 == 42 ? IntakeOptions.DefaultMaxBodyBytes : 40 * 1024;
            return new TestWebhook(
                "json2video",
                large,
                "completed",
                Encoding.UTF8.GetString(LargePayloads.Json2VideoCompleted(large, bytes, form)),
                form ? "application/x-www-form-urlencoded" : "application/json");
        }

        switch (index % 4)
        {
            case 1:
                var project = TestPayloads.NewJson2VideoProject();
                return new TestWebhook("json2video", project, "completed", TestPayloads.Json2VideoCompleted(project));
            case 2:
                var failed = TestPayloads.NewPhantomFlowJobId();
                return new TestWebhook("phantomflow", failed, "failed", TestPayloads.PhantomFlowFailed(failed));
            default:
                var completed = TestPayloads.NewPhantomFlowJobId();
                return new TestWebhook("phantomflow", completed, "completed", TestPayloads.PhantomFlowCompleted(completed));
        }
    }
}
