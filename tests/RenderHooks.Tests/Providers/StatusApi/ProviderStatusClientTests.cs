using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RenderHooks.Providers;
using RenderHooks.Providers.PhantomFlow;
using RenderHooks.Providers.StatusApi;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Providers.StatusApi;

/// <summary>Both status clients against a real HTTP server playing the providers' documented status APIs.</summary>
public sealed class ProviderStatusClientTests : IAsyncLifetime
{
    private const string PfJob = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
    private const string J2vJob = "JkGxEoPRF9EgRb32";

    private ProviderStatusServer _server = null!;
    private StatusClientHost _host = null!;

    public static TheoryData<string> Providers => [ProviderNames.PhantomFlow, ProviderNames.Json2Video];

    public async Task InitializeAsync()
    {
        _server = await ProviderStatusServer.StartAsync();
        _host = StatusClientHost.Create(_server.Settings());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    /// <summary>A reply the status server never sends: the request stays open until the client gives up.</summary>
    private static readonly Task Never = new TaskCompletionSource().Task;

    private static string JobOf(string provider) => provider == ProviderNames.PhantomFlow ? PfJob : J2vJob;

    private static string Section(string provider) => provider == ProviderNames.PhantomFlow ? "RenderHooks:PhantomFlow" : "RenderHooks:Json2Video";

    private Task<ProviderStatus> AskAsync(string provider, string? jobId = null, StatusClientHost? host = null) =>
        (host ?? _host).Client(provider).GetStatusAsync(jobId ?? JobOf(provider), CancellationToken.None);

    /// <summary>
    /// A client whose waits — attempt timeouts, the total timeout, pauses before retries — run on <paramref name="clock"/>,
    /// which moves only when the test moves it: a test about time waits until the client is waiting on the clock (for
    /// the time it should), then moves it. Nothing depends on how fast the machine is.
    /// </summary>
    private StatusClientHost ClockedHost(ObservedClock clock, IReadOnlyDictionary<string, string?>? overrides = null) =>
        StatusClientHost.Create(_server.Settings(), overrides, services => services.AddSingleton<TimeProvider>(clock));

    /// <summary>The timeouts every call schedules on the clock (the attempt's and the total), as opposed to a pause before a retry.</summary>
    private static TimeSpan[] Timeouts(StatusClientHost host)
    {
        var options = host.Services.GetRequiredService<IOptions<PhantomFlowStatusOptions>>().Value;
        return [options.Timeout, StatusApiPipeline.TotalTimeout(options)];
    }

    [Fact]
    public void Registration_BothProviders_ConfiguredFromSettings()
    {
        Assert.True(_host.Client(ProviderNames.PhantomFlow).IsConfigured);
        Assert.True(_host.Client(ProviderNames.Json2Video).IsConfigured);
    }

    [Fact]
    public async Task PhantomFlow_Done_TerminalCompletedWithEveryField()
    {
        _server.Script(ProviderNames.PhantomFlow, PfJob, StatusReply.Done());

        var status = await AskAsync(ProviderNames.PhantomFlow);

        Assert.Equal(ProviderStatusKind.Terminal, status.Kind);
        Assert.Equal("completed", status.ProviderState);
        var report = Assert.IsType<RenderReport>(status.Report);
        Assert.Equal(ProviderNames.PhantomFlow, report.Provider);
        Assert.Equal(PfJob, report.JobId);
        Assert.Equal(RenderStatus.Completed, report.Status);
        Assert.Equal("https://cdn.example.test/out.mp4", report.OutputUrl);
        Assert.Equal(15.2, report.DurationSeconds);
        Assert.Equal(16L, report.CreditsUsed);
        Assert.Equal(1920, report.Width);
        Assert.Equal(1080, report.Height);
        Assert.Equal(4567890L, report.SizeBytes);
        Assert.Null(report.Error);
        Assert.Equal(1, _server.Calls(ProviderNames.PhantomFlow, PfJob));
    }

    [Fact]
    public async Task Json2Video_Done_TerminalCompletedWithEveryField()
    {
        _server.Script(ProviderNames.Json2Video, J2vJob, StatusReply.Done("https://cdn.example.test/j2v.mp4", 10.5, 1080, 1920, 6876189));

        var status = await AskAsync(ProviderNames.Json2Video);

        Assert.Equal(ProviderStatusKind.Terminal, status.Kind);
        Assert.Equal("done", status.ProviderState);
        var report = Assert.IsType<RenderReport>(status.Report);
        Assert.Equal(ProviderNames.Json2Video, report.Provider);
        Assert.Equal(J2vJob, report.JobId);
        Assert.Equal(RenderStatus.Completed, report.Status);
        Assert.Equal("https://cdn.example.test/j2v.mp4", report.OutputUrl);
        Assert.Equal(10.5, report.DurationSeconds);
        Assert.Equal(1080, report.Width);
        Assert.Equal(1920, report.Height);
        Assert.Equal(6876189L, report.SizeBytes);
        Assert.Null(report.Error);
    }

    [Fact]
    public async Task PhantomFlow_Failed_TerminalFailedWithCodeAndMessage()
    {
        _server.Script(ProviderNames.PhantomFlow, PfJob, StatusReply.Failed("RENDER_FAILED", "FFmpeg exited with code 1"));

        var status = await AskAsync(ProviderNames.PhantomFlow);

        Assert.Equal(ProviderStatusKind.Terminal, status.Kind);
        Assert.Equal("failed", status.ProviderState);
        Assert.Equal(RenderStatus.Failed, status.Report!.Status);
        Assert.Equal(new RenderError("RENDER_FAILED", "FFmpeg exited with code 1"), status.Report.Error);
        Assert.Null(status.Report.OutputUrl);
    }

    [Fact]
    public async Task Json2Video_Error_TerminalFailedWithMessage()
    {
        _server.Script(ProviderNames.Json2Video, J2vJob, StatusReply.Failed(message: "Scene 2: element 1 has an invalid src"));

        var status = await AskAsync(ProviderNames.Json2Video);

        Assert.Equal(ProviderStatusKind.Terminal, status.Kind);
        Assert.Equal("error", status.ProviderState);
        Assert.Equal(RenderStatus.Failed, status.Report!.Status);
        Assert.Equal(new RenderError(null, "Scene 2: element 1 has an invalid src"), status.Report.Error);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RunningThenDone_InProgressThenTerminal(string provider)
    {
        _server.Script(provider, JobOf(provider), StatusReply.Running(), StatusReply.Done());

        var first = await AskAsync(provider);
        var second = await AskAsync(provider);

        Assert.Equal(ProviderStatusKind.InProgress, first.Kind);
        Assert.Equal(provider == ProviderNames.PhantomFlow ? "rendering" : "running", first.ProviderState);
        Assert.Null(first.Report);
        Assert.Equal(ProviderStatusKind.Terminal, second.Kind);
        Assert.Equal(RenderStatus.Completed, second.Report!.Status);
        Assert.Equal(2, _server.Calls(provider, JobOf(provider)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Pending_InProgressWithProviderState(string provider)
    {
        _server.Script(provider, JobOf(provider), StatusReply.Pending());

        var status = await AskAsync(provider);

        Assert.Equal(ProviderStatusKind.InProgress, status.Kind);
        Assert.Equal(provider == ProviderNames.PhantomFlow ? "queued" : "pending", status.ProviderState);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UnknownJob_Unknown_AskedOnce(string provider)
    {
        var status = await AskAsync(provider);

        Assert.Equal(ProviderStatusKind.Unknown, status.Kind);
        Assert.NotNull(status.Reason);
        Assert.Null(status.Report);
        Assert.Equal(1, _server.Calls(provider, JobOf(provider)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TooManyRequests_RetryAfterWithinLimit_WaitsThatLongOnTheClockThenSucceeds(string provider)
    {
        var clock = new ObservedClock();
        await using var host = ClockedHost(clock);
        _server.Script(provider, JobOf(provider), StatusReply.TooManyRequests(1), StatusReply.Done());

        var pending = AskAsync(provider, host: host);
        await clock.WaitForWaitAsync(TimeSpan.FromSeconds(1), "the one-second wait the Retry-After asked for");

        // The clock has not moved: the retry cannot have been made.
        Assert.False(pending.IsCompleted);
        Assert.Equal(1, _server.Calls(provider, JobOf(provider)));
        clock.Advance(TimeSpan.FromSeconds(1));
        var status = await Eventually.CompletedAsync(pending, "the answer to the retry");

        Assert.Equal(ProviderStatusKind.Terminal, status.Kind);
        Assert.Equal(2, _server.Calls(provider, JobOf(provider)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TooManyRequests_RetryAfterBeyondMaxRetryAfter_ThrottledWithoutWaiting(string provider)
    {
        var clock = new ObservedClock();
        await using var host = ClockedHost(clock);
        var timeouts = Timeouts(host);
        _server.Script(provider, JobOf(provider), StatusReply.TooManyRequests(120), StatusReply.Done());

        // The clock never moves: the call ends only if it waits for nothing on it.
        var pending = AskAsync(provider, host: host);
        await Eventually.GetAsync(
            () => Task.FromResult(pending.IsCompleted || clock.Scheduled.Any(d => !timeouts.Contains(d))),
            done => done,
            "the answer, or a wait before a retry");

        Assert.DoesNotContain(clock.Scheduled, d => !timeouts.Contains(d));
        var status = await Eventually.CompletedAsync(pending, "the throttled answer, with the clock never moved");
        Assert.Equal(ProviderStatusKind.Throttled, status.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), status.RetryAfter);
        Assert.Equal(1, _server.Calls(provider, JobOf(provider)));
    }

    [Fact]
    public async Task TooManyRequestsForever_ThrottledAfterMaxRetriesPlusOneCalls()
    {
        _server.Script(ProviderNames.Json2Video, J2vJob, StatusReply.TooManyRequests(1));

        var status = await AskAsync(ProviderNames.Json2Video);

        Assert.Equal(ProviderStatusKind.Throttled, status.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), status.RetryAfter);
        Assert.Equal(3, _server.Calls(ProviderNames.Json2Video, J2vJob));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ServerErrorThenSuccess_Retried(string provider)
    {
        _server.Script(provider, JobOf(provider), StatusReply.ServerError(), StatusReply.ServerError(502), StatusReply.Done());

        var status = await AskAsync(provider);

        Assert.Equal(ProviderStatusKind.Terminal, status.Kind);
        Assert.Equal(3, _server.Calls(provider, JobOf(provider)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ServerErrorForever_UnavailableAfterMaxRetriesPlusOneCalls(string provider)
    {
        _server.Script(provider, JobOf(provider), StatusReply.ServerError(503));

        var status = await AskAsync(provider);

        Assert.Equal(ProviderStatusKind.Unavailable, status.Kind);
        Assert.Equal("HTTP 503", status.Reason);
        Assert.Equal(3, _server.Calls(provider, JobOf(provider)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SlowAnswerBeyondTimeout_RetriedThenSucceeds(string provider)
    {
        var clock = new ObservedClock();
        await using var host = ClockedHost(clock, new Dictionary<string, string?> { [$"{Section(provider)}:Timeout"] = "00:00:10" });
        _server.Script(provider, JobOf(provider), StatusReply.Held(Never, StatusReply.Done()), StatusReply.Done());

        var pending = AskAsync(provider, host: host);
        await clock.WaitForWaitAsync(TimeSpan.FromSeconds(10), "the first attempt's timeout");
        await Eventually.GetAsync(() => Task.FromResult(_server.Calls(provider, JobOf(provider))), calls => calls == 1, "the first attempt");
        var mark = clock.Mark;
        clock.Advance(TimeSpan.FromSeconds(10));

        // The attempt timed out: the retry follows a pause of at most MaxRetryAfter (2 s here), unless it drew none.
        await Eventually.GetAsync(
            () => Task.FromResult(_server.Calls(provider, JobOf(provider)) == 2 || clock.Scheduled.Skip(mark).Any(d => d <= TimeSpan.FromSeconds(2))),
            done => done,
            "the retry, or the pause before it");
        clock.Advance(TimeSpan.FromSeconds(2));
        var status = await Eventually.CompletedAsync(pending, "the answer to the retry");

        Assert.Equal(ProviderStatusKind.Terminal, status.Kind);
        Assert.Equal(2, _server.Calls(provider, JobOf(provider)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SlowAnswerWithoutRetries_UnavailableTimedOut(string provider)
    {
        var clock = new ObservedClock();
        await using var host = ClockedHost(clock, new Dictionary<string, string?>
        {
            [$"{Section(provider)}:MaxRetries"] = "0",
            [$"{Section(provider)}:Timeout"] = "00:00:10",
        });
        _server.Script(provider, JobOf(provider), StatusReply.Held(Never, StatusReply.Done()));

        var pending = AskAsync(provider, host: host);
        await clock.WaitForWaitAsync(TimeSpan.FromSeconds(10), "the attempt's timeout");
        await Eventually.GetAsync(() => Task.FromResult(_server.Calls(provider, JobOf(provider))), calls => calls == 1, "the attempt");
        Assert.False(pending.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(10));
        var status = await Eventually.CompletedAsync(pending, "the timed-out answer");

        Assert.Equal(ProviderStatusKind.Unavailable, status.Kind);
        Assert.Equal("timed out", status.Reason);
        Assert.Equal(1, _server.Calls(provider, JobOf(provider)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WrongApiKey_Unauthorized_NotRetried(string provider)
    {
        await using var host = StatusClientHost.Create(_server.Settings(), new Dictionary<string, string?> { [$"{Section(provider)}:ApiKey"] = "wrong-key-do-not-log-0123456789" });
        _server.Script(provider, JobOf(provider), StatusReply.Done());

        var status = await AskAsync(provider, host: host);

        Assert.Equal(ProviderStatusKind.Unauthorized, status.Kind);
        Assert.Equal(1, _server.Calls(provider, JobOf(provider)));
        Assert.DoesNotContain("wrong-key-do-not-log", status.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key-do-not-log", host.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeys_NeverInLogsOrReasons()
    {
        var jobs = new[]
        {
            (StatusReply.Done(), "done"), (StatusReply.Failed(), "failed"), (StatusReply.Running(), "running"),
            (StatusReply.TooManyRequests(120), "throttled"), (StatusReply.ServerError(), "error"),
        };
        var reasons = new List<string?>();
        foreach (var provider in Providers)
        {
            foreach (var (reply, name) in jobs)
            {
                var jobId = provider == ProviderNames.PhantomFlow ? $"pf-{name}" : $"j2v-{name}-0000000";
                _server.Script(provider, jobId, reply);
                var status = await AskAsync(provider, jobId);
                reasons.Add(status.Reason);
                reasons.Add(status.ProviderState);
            }

            reasons.Add((await AskAsync(provider, "not-scripted")).Reason);
        }

        Assert.Contains(_host.Logs.Lines, line => line.Contains("Request Headers", StringComparison.Ordinal));
        Assert.Contains(_host.Logs.Lines, line => line.Contains("Status of json2video job", StringComparison.Ordinal));
        foreach (var key in new[] { ProviderStatusServer.PhantomFlowApiKey, ProviderStatusServer.Json2VideoApiKey })
        {
            Assert.DoesNotContain(key, _host.Logs.AllText, StringComparison.Ordinal);
            Assert.All(reasons, reason => Assert.DoesNotContain(key, reason ?? string.Empty, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("a/b?c#d")]
    [InlineData("../../v2/movies?project=x")]
    [InlineData("100% & more + spaces")]
    [InlineData("%..%/admin%")]
    [InlineData("ünï/çødé")]
    public async Task PhantomFlow_JobIdWithReservedCharacters_EscapedIntoOneSegment(string jobId)
    {
        _server.Script(ProviderNames.PhantomFlow, jobId, StatusReply.Done());

        var status = await AskAsync(ProviderNames.PhantomFlow, jobId);

        Assert.Equal(ProviderStatusKind.Terminal, status.Kind);
        Assert.Equal(jobId, status.Report!.JobId);
        Assert.Equal(1, _server.Calls(ProviderNames.PhantomFlow, jobId));
        Assert.Equal(1, _server.TotalCalls);
    }

    [Theory]
    [InlineData("a/b?c#d")]
    [InlineData("x&project=other&format=full")]
    [InlineData("100% + more")]
    [InlineData("...")]
    public async Task Json2Video_JobIdWithReservedCharacters_EscapedIntoOneQueryValue(string jobId)
    {
        _server.Script(ProviderNames.Json2Video, jobId, StatusReply.Done());

        var status = await AskAsync(ProviderNames.Json2Video, jobId);

        Assert.Equal(ProviderStatusKind.Terminal, status.Kind);
        Assert.Equal(jobId, status.Report!.JobId);
        Assert.Equal(1, _server.Calls(ProviderNames.Json2Video, jobId));
        Assert.Equal(1, _server.TotalCalls);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task PhantomFlow_DotSegmentJobId_RefusedWithoutRequest(string jobId)
    {
        var status = await AskAsync(ProviderNames.PhantomFlow, jobId);

        Assert.Equal(ProviderStatusKind.Unknown, status.Kind);
        Assert.StartsWith("not asked", status.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _server.TotalCalls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    [InlineData(null)]
    public async Task InvalidJobId_UnknownWithoutRequest(string? jobId)
    {
        foreach (var provider in Providers)
        {
            var status = await _host.Client(provider).GetStatusAsync(jobId!, CancellationToken.None);
            Assert.Equal(ProviderStatusKind.Unknown, status.Kind);
            Assert.StartsWith("not asked", status.Reason, StringComparison.Ordinal);
        }

        var tooLong = await AskAsync(ProviderNames.PhantomFlow, new string('x', JobIdRules.MaxLength + 1));
        Assert.Equal(ProviderStatusKind.Unknown, tooLong.Kind);
        Assert.Equal(0, _server.TotalCalls);
    }

    [Fact]
    public async Task OutputUrlInAnswer_NeverFetched()
    {
        var payloadUrl = new Uri(_server.BaseUrl, "payload/fetch-me.mp4").ToString();
        _server.Script(ProviderNames.PhantomFlow, PfJob, StatusReply.Done(payloadUrl));
        _server.Script(ProviderNames.Json2Video, J2vJob, StatusReply.Done(payloadUrl));

        var pf = await AskAsync(ProviderNames.PhantomFlow);
        var j2v = await AskAsync(ProviderNames.Json2Video);

        Assert.Equal(payloadUrl, pf.Report!.OutputUrl);
        Assert.Equal(payloadUrl, j2v.Report!.OutputUrl);
        Assert.Equal(2, _server.TotalCalls);
    }

    [Fact]
    public async Task NotConfigured_UnavailableWithoutRequest()
    {
        await using var host = StatusClientHost.Create(new Dictionary<string, string?>
        {
            ["RenderHooks:Json2Video:BaseUrl"] = _server.BaseUrl.ToString(),
        });

        foreach (var provider in Providers)
        {
            var client = host.Client(provider);
            Assert.False(client.IsConfigured);
            var status = await client.GetStatusAsync(JobOf(provider), CancellationToken.None);
            Assert.Equal(ProviderStatusKind.Unavailable, status.Kind);
            Assert.Contains("not configured", status.Reason, StringComparison.Ordinal);
        }

        Assert.Equal(0, _server.TotalCalls);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CallerCancels_OperationCanceledException(string provider)
    {
        _server.Script(provider, JobOf(provider), StatusReply.Slow(TimeSpan.FromSeconds(5), StatusReply.Done()));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _host.Client(provider).GetStatusAsync(JobOf(provider), cancellation.Token));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CallerAlreadyCancelled_ThrowsWithoutRequest(string provider)
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _host.Client(provider).GetStatusAsync(JobOf(provider), new CancellationToken(canceled: true)));
        Assert.Equal(0, _server.TotalCalls);
    }
}
