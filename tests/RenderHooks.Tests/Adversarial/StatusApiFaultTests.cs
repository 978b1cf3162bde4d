using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Jobs;
using RenderHooks.Reconciliation;
using RenderHooks.Tests.Infrastructure;
using RenderHooks.Tests.Reconciliation;

namespace RenderHooks.Tests.Adversarial;

/// <summary>
/// Reconciliation against status APIs that time out, throttle, fail, and answer 200 with something that is not the answer:
/// every run finishes with counts that add up, a job left without an answer stays pending and is checked again later,
/// a provider that keeps failing or throttles is left alone, and only true answers become events — each exactly once,
/// each field the provider's.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StatusApiFaultTests(AzuriteFixture azurite)
{
    /// <summary>Far beyond a run's worst case here (a few status calls timing out three times at 4 s); a run past it has hung.</summary>
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What the status API answers a job, in turn, ending with the true answer; and whether one check (the client
    /// retries 429, 5xx, timeouts and broken connections twice) gets that answer in the run. A body cut off mid-way is
    /// a broken connection whenever the reset arrives: each attempt reads its whole answer inside the retries.
    /// </summary>
    private static readonly (string Kind, Func<StatusReply, StatusReply[]> Script, bool AnsweredInTheRun)[] Mix =
    [
        ("no fault", truth => [truth], true),
        ("500, then the answer", truth => [StatusReply.ServerError(500), truth], true),
        ("429 asking for 1 s, then the answer", truth => [StatusReply.TooManyRequests(1), truth], true),
        ("one attempt timing out, then the answer", truth => [Stalled(), truth], true),
        ("a body cut off, then the answer", truth => [FaultReply.Truncated(), truth], true),
        ("a body cut off after a pause, then the answer", truth => [FaultReply.TruncatedAfter(TimeSpan.FromMilliseconds(300)), truth], true),
        ("503 on every attempt", truth => [StatusReply.ServerError(503), StatusReply.ServerError(503), StatusReply.ServerError(503), truth], false),
        ("every attempt timing out", truth => [Stalled(), Stalled(), Stalled(), truth], false),
        ("a body cut off on every attempt", truth => [FaultReply.Truncated(), FaultReply.TruncatedAfter(TimeSpan.FromMilliseconds(300)), FaultReply.Truncated(), truth], false),
        ("the answer labelled text/plain", truth => [FaultReply.Relabelled(truth, "text/plain"), truth], false),
        ("malformed JSON", truth => [FaultReply.MalformedJson(), truth], false),
        ("an HTML page with 200", truth => [FaultReply.HtmlPage(), truth], false),
        ("an empty 200", truth => [FaultReply.Empty(), truth], false),
        ("another job's answer", truth => [FaultReply.AboutAnotherJob(), truth], false),
        ("a redirect to another host", truth => [FaultReply.Redirect(), truth], false),
    ];

    [Fact]
    public async Task FaultMixOnBothProviders_RunFinishes_OnlyTrueAnswersBecomeEvents_TheRestNextRun()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var clock = new ShiftedClock();
        // Unanswered checks never stop this run, so every fault meets its job: stopping is the next test's subject.
        await using var pipeline = await CreatePipelineAsync(status, clock, ("RenderHooks:Reconcile:MaxConsecutiveUnavailable", "1000"));
        var jobs = new List<(ProviderTruth Truth, string Kind, bool AnsweredInTheRun, string Outcome)>();
        var n = 0;
        foreach (var provider in (string[])["phantomflow", "json2video"])
        {
            foreach (var (kind, script, answeredInTheRun) in Mix)
            {
                var truth = (++n % 3 == 0) ? ProviderTruth.Failed(provider, NewJobId(provider), n) : ProviderTruth.Done(provider, NewJobId(provider), n);
                status.Script(provider, truth.JobId, script(truth.Reply()));
                await pipeline.RegisterAsync(provider, truth.JobId);
                jobs.Add((truth, kind, answeredInTheRun, "Recovered"));
            }

            // Two jobs a webhook reported first: one the provider confirms, one it contradicts.
            var confirmed = NewJobId(provider);
            var contradicted = NewJobId(provider);
            var confirmedTruth = ProviderTruth.Done(provider, confirmed, ++n, WebhookOutputUrl(provider, confirmed));
            var contradictedTruth = ProviderTruth.Failed(provider, contradicted, ++n);
            status.Script(provider, confirmed, confirmedTruth.Reply());
            status.Script(provider, contradicted, StatusReply.ServerError(500), contradictedTruth.Reply());
            await pipeline.DeliverAsync(provider, WebhookCompleted(provider, confirmed));
            await pipeline.DeliverAsync(provider, WebhookCompleted(provider, contradicted));
            jobs.Add((confirmedTruth, "webhook confirmed", true, "Verified"));
            jobs.Add((contradictedTruth, "webhook contradicted after a 500", true, "Corrected"));
        }

        Assert.Equal(4, (await pipeline.TakeEventsAsync()).Count); // the webhooks' own, unverified

        var first = await pipeline.Reconciler.RunAsync().WaitAsync(RunDeadline);

        AssertAddsUp(first);
        var answered = jobs.Where(j => j.AnsweredInTheRun).ToList();
        var unanswered = jobs.Where(j => !j.AnsweredInTheRun).ToList();
        foreach (var (truth, kind, answeredInTheRun, _) in jobs)
        {
            var job = await pipeline.JobAsync(truth.Provider, truth.JobId);
            if (answeredInTheRun)
            {
                Assert.True(job is { Verified: true }, $"{truth.Provider} job with {kind}: not answered in the run: {job}");
                continue;
            }

            Assert.True(job is { Verification: JobVerification.Pending, Verified: false, LastCheckedAt: null }, $"{truth.Provider} job with {kind}: {job}");
            Assert.True(job.NextCheckAt > clock.GetUtcNow(), $"{truth.Provider} job with {kind} not rescheduled: {job.NextCheckAt}");
        }

        Assert.Equal(jobs.Count, first.IndexRowsRead);
        Assert.Equal(
            (answered.Count(j => j.Outcome == "Verified"), answered.Count(j => j.Outcome == "Corrected"), answered.Count(j => j.Outcome == "Recovered"), unanswered.Count),
            (first.Verified, first.Corrected, first.Recovered, first.ProviderUnavailable));
        Assert.Empty(first.StoppedProviders);
        AssertEventsAreTheAnswersOf(answered.Select(j => j.Truth), await pipeline.TakeEventsAsync());

        var tooSoon = await pipeline.Reconciler.RunAsync().WaitAsync(RunDeadline);
        Assert.Equal((0, 0), (tooSoon.StatusCalls, tooSoon.EventsPublished));

        clock.Advance(TimeSpan.FromMinutes(2));
        var second = await pipeline.Reconciler.RunAsync().WaitAsync(RunDeadline);

        AssertAddsUp(second);
        Assert.Equal((unanswered.Count, unanswered.Count, 0), (second.StatusCalls, second.Recovered, second.ProviderUnavailable));
        AssertEventsAreTheAnswersOf(unanswered.Select(j => j.Truth), await pipeline.TakeEventsAsync());
        foreach (var (truth, kind, _, _) in jobs)
        {
            var job = await pipeline.JobAsync(truth.Provider, truth.JobId);
            Assert.True(job is { Verified: true, NextCheckAt: null, EventPending: false }, $"{truth.Provider} job with {kind}: {job}");
            Assert.Equal(truth.Status, job.Status);
        }

        var settled = await pipeline.Reconciler.RunAsync().WaitAsync(RunDeadline);
        Assert.Equal((0, 0), (settled.StatusCalls, settled.EventsPublished));
    }

    [Fact]
    public async Task ProviderAnsweringOnlyGarbage_LeftAloneAfterThreeInARow_ThrottlingProviderBackedOff_BothRecoverLater()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        var clock = new ShiftedClock();
        await using var pipeline = await CreatePipelineAsync(status, clock, ("RenderHooks:Reconcile:MaxConcurrentChecks", "1"));
        StatusReply[] garbage =
        [
            FaultReply.MalformedJson(), FaultReply.HtmlPage(), FaultReply.Empty(), FaultReply.AboutAnotherJob(),
            Stalled(), StatusReply.ServerError(502),
        ];
        var truths = new List<ProviderTruth>();
        for (var i = 0; i < garbage.Length; i++)
        {
            truths.Add(ProviderTruth.Done("phantomflow", NewJobId("phantomflow"), i));
            status.Script("phantomflow", truths[^1].JobId, garbage[i]);
        }

        for (var i = 0; i < 3; i++)
        {
            truths.Add(ProviderTruth.Failed("json2video", NewJobId("json2video"), i));
            status.Script("json2video", truths[^1].JobId, StatusReply.TooManyRequests(retryAfterSeconds: 600));
        }

        foreach (var truth in truths)
        {
            await pipeline.RegisterAsync(truth.Provider, truth.JobId);
        }

        var first = await pipeline.Reconciler.RunAsync().WaitAsync(RunDeadline);
        var second = await pipeline.Reconciler.RunAsync().WaitAsync(RunDeadline);

        // PhantomFlow: three unanswered checks in a row end its part of a run; the next run reaches the other three.
        // JSON2Video: its first call is throttled for ten minutes, and the next run does not call it at all.
        AssertAddsUp(first);
        AssertAddsUp(second);
        Assert.Equal((4, 3, 1), (first.StatusCalls, first.ProviderUnavailable, first.NotCalled));
        Assert.Equal((3, 3, 0), (second.StatusCalls, second.ProviderUnavailable, second.NotCalled));
        Assert.Equal(["json2video", "phantomflow"], first.StoppedProviders);
        Assert.Equal(["json2video", "phantomflow"], second.StoppedProviders);
        Assert.Equal(["phantomflow"], second.Providers);
        Assert.All(truths.Where(t => t.Provider == "phantomflow"), t => Assert.True(status.Calls(t.Provider, t.JobId) > 0));
        Assert.Equal(1, truths.Where(t => t.Provider == "json2video").Sum(t => status.Calls(t.Provider, t.JobId)));
        Assert.Empty(await pipeline.TakeEventsAsync());
        foreach (var truth in truths)
        {
            var job = await pipeline.JobAsync(truth.Provider, truth.JobId);
            Assert.True(job is { Status: null, Verification: JobVerification.Pending, NextCheckAt: not null }, $"{truth.Provider} {truth.JobId}: {job}");
        }

        // The faults clear, and the throttle's ten minutes pass.
        foreach (var truth in truths)
        {
            status.Script(truth.Provider, truth.JobId, truth.Reply());
        }

        clock.Advance(TimeSpan.FromMinutes(11));
        var recovered = await pipeline.Reconciler.RunAsync().WaitAsync(RunDeadline);

        AssertAddsUp(recovered);
        Assert.Empty(recovered.StoppedProviders);
        Assert.Equal((truths.Count, truths.Count), (recovered.StatusCalls, recovered.Recovered));
        AssertEventsAreTheAnswersOf(truths, await pipeline.TakeEventsAsync());
        Assert.Equal(0, (await pipeline.Reconciler.RunAsync().WaitAsync(RunDeadline)).StatusCalls);
    }

    private async Task<PipelineHarness> CreatePipelineAsync(ProviderStatusServer status, ShiftedClock clock, (string Key, string Value) setting) =>
        await PipelineHarness.CreateAsync(
            azurite,
            services => services.AddSingleton<TimeProvider>(clock),
            [
                .. status.Settings(),
                // A 4 s attempt timeout instead of the status server's 1 s: a cold first call on a busy machine must not
                // time out where the mix expects an answer. Stalled answers (30 s) still time out.
                new("RenderHooks:PhantomFlow:Timeout", AttemptTimeout),
                new("RenderHooks:Json2Video:Timeout", AttemptTimeout),
                new("RenderHooks:Reconcile:FirstCheckDelay", "00:00:00"),
                new(setting.Key, setting.Value),
            ]);

    private const string AttemptTimeout = "00:00:04";

    /// <summary>An answer that never comes within the client's attempt timeout.</summary>
    private static StatusReply Stalled() => StatusReply.Slow(Stall, StatusReply.Pending());

    /// <summary>Every due row read came to one outcome.</summary>
    private static void AssertAddsUp(ReconcileRunSummary s) =>
        Assert.Equal(
            s.IndexRowsRead,
            s.Verified + s.Corrected + s.Recovered + s.UnknownToProvider + s.NotFoundOnce + s.Abandoned + s.StillRendering
            + s.ProviderUnavailable + s.Settled + s.StaleIndexRows + s.Deferred + s.NotCalled + s.Failed);

    /// <summary>One event per job, and each is that job's true answer, field by field.</summary>
    private static void AssertEventsAreTheAnswersOf(IEnumerable<ProviderTruth> truths, IReadOnlyList<JsonElement> events)
    {
        var expected = truths.ToDictionary(t => (t.Provider, t.JobId));
        Assert.Equal(expected.Count, events.Count);
        foreach (var e in events)
        {
            var key = (e.GetProperty("provider").GetString()!, e.GetProperty("jobId").GetString()!);
            Assert.True(expected.Remove(key, out var truth), $"an event for {key} that was not expected now: {e}");
            truth.AssertIsTheAnswerIn(e);
        }
    }

    private static string NewJobId(string provider) => provider == "phantomflow" ? TestPayloads.NewPhantomFlowJobId() : TestPayloads.NewJson2VideoProject();

    private static string WebhookCompleted(string provider, string jobId) =>
        provider == "phantomflow" ? TestPayloads.PhantomFlowCompleted(jobId) : TestPayloads.Json2VideoCompleted(jobId);

    private static string WebhookOutputUrl(string provider, string jobId) =>
        provider == "phantomflow" ? $"https://cdn.phantomflow.dev/output/{jobId}.mp4" : "https://assets.json2video.com/clients/xxxxxxxx/renders/yourmovie.mp4";
}
