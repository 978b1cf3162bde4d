using RenderHooks.Events;
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
    /// when <paramref name="withUnparseable"/>, one in ten a PhantomFlow body without a job id.
    /// </summary>
    public static TestWebhook Mix(int index, bool withUnparseable)
    {
        if (withUnparseable && index % 10 == 9)
        {
            return new TestWebhook("phantomflow", null, null, """{"status":"completed","output_url":"https://cdn.phantomflow.dev/output/x.mp4"}""");
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
