extern alias tool;

using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Deliveries;
using RenderHooks.Jobs;
using RenderHooks.Tests.Infrastructure;
using RenderHooks.Tests.Reconciliation;
using ListCommands = tool::RenderHooks.Tool.ListCommands;

namespace RenderHooks.Tests.Tool;

/// <summary>
/// The tool's <c>deliveries</c> and <c>jobs</c> commands on Azurite: a table with the reasons, one page or all of them,
/// the cursor of the next page, and options checked as the routes check their parameters (exit code 2, the option named).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ListCommandsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Deliveries_PrintsEachFlaggedDeliveryWithItsReason_NewestFirst()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var jobId = TestPayloads.NewPhantomFlowJobId();
        await pipeline.DeliverAsync("phantomflow", TestPayloads.PhantomFlowCompleted(jobId));
        var conflict = await pipeline.DeliverAsync("phantomflow", TestPayloads.PhantomFlowFailed(jobId));
        var unparseable = await pipeline.DeliverAsync("json2video", """{"status":"done"}""");

        var (exit, output, error) = await RunAsync(pipeline, c => c.DeliveriesAsync([], CancellationToken.None));

        Assert.Equal(0, exit);
        Assert.Empty(error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches("^RECEIVED +OUTCOME +PROVIDER +JOB +DELIVERY +REASON$", lines[0]);
        Assert.Contains("unparseable", lines[1], StringComparison.Ordinal);
        Assert.Contains(unparseable.DeliveryId!, lines[1], StringComparison.Ordinal);
        Assert.EndsWith(unparseable.Reason!, lines[1], StringComparison.Ordinal);
        Assert.Contains("conflict", lines[2], StringComparison.Ordinal);
        Assert.Contains(jobId, lines[2], StringComparison.Ordinal);
        Assert.Contains(conflict.DeliveryId!, lines[2], StringComparison.Ordinal);
        Assert.EndsWith("The job is already completed; this delivery reported failed. The first state stands until reconciliation settles it.", lines[2], StringComparison.Ordinal);
        Assert.Equal("2 listed.", lines[3]);
    }

    [Fact]
    public async Task Deliveries_OnePageThenItsCursor_OrAll()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var first = await pipeline.DeliverAsync("phantomflow", """{"status":"completed"}""");
        var second = await pipeline.DeliverAsync("phantomflow", """{"status":"failed"}""");

        var (_, onePage, _) = await RunAsync(pipeline, c => c.DeliveriesAsync(["--limit", "1", "--provider", "phantomflow"], CancellationToken.None));
        var cursor = Regex.Match(onePage, "^More: repeat with the same options and --cursor (\\S+) \\(or --all\\)\\.$", RegexOptions.Multiline).Groups[1].Value;
        var (_, nextPage, _) = await RunAsync(pipeline, c => c.DeliveriesAsync(["--limit", "1", "--provider", "phantomflow", "--cursor", cursor], CancellationToken.None));
        var (_, all, _) = await RunAsync(pipeline, c => c.DeliveriesAsync(["--limit", "1", "--provider", "phantomflow", "--all"], CancellationToken.None));

        Assert.NotEmpty(cursor);
        Assert.Contains(second.DeliveryId!, onePage, StringComparison.Ordinal);
        Assert.DoesNotContain(first.DeliveryId!, onePage, StringComparison.Ordinal);
        Assert.Contains(first.DeliveryId!, nextPage, StringComparison.Ordinal);
        Assert.Contains(second.DeliveryId!, all, StringComparison.Ordinal);
        Assert.Contains(first.DeliveryId!, all, StringComparison.Ordinal);
        Assert.Contains("2 listed.", all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--outcome", "bogus" }, "--outcome: outcome must be one of: recorded, duplicate, conflict, unparseable, unreadable, rejected.")]
    [InlineData(new[] { "--since", "yesterday" }, "--since: since must be an ISO 8601 date or instant")]
    [InlineData(new[] { "--state", "overdue" }, "Unknown option '--state'; the options are: --outcome, --provider, --since, --limit, --cursor, --all.")]
    [InlineData(new[] { "--limit" }, "--limit takes one value, given once.")]
    [InlineData(new[] { "--cursor", "bm9wZQ" }, "--cursor: cursor is not one this listing handed out")]
    public async Task Deliveries_BadOption_Exit2NamingIt(string[] args, string message)
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);

        var (exit, output, error) = await RunAsync(pipeline, c => c.DeliveriesAsync(args, CancellationToken.None));

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_Overdue_PrintsTheRegisteredJob_StateRequired()
    {
        await using var status = await ProviderStatusServer.StartAsync();
        await using var pipeline = await ReconcileTestPipeline.CreateAsync(azurite, status);
        var project = TestPayloads.NewJson2VideoProject();
        await pipeline.RegisterAsync("json2video", project, "ord_77");

        var (exit, output, _) = await RunAsync(pipeline, c => c.JobsAsync(["--state", "overdue"], CancellationToken.None));
        var (noState, _, error) = await RunAsync(pipeline, c => c.JobsAsync([], CancellationToken.None));

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches("^PROVIDER +JOB +STATUS +VERIFICATION +NEXT CHECK +LAST CHECKED +CHECKS +REFERENCE$", lines[0]);
        Assert.Matches($"^json2video +{project} +- +pending +\\d{{4}}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +- +0 +ord_77$", lines[1]);
        Assert.Equal(2, noState);
        Assert.StartsWith("--state: state is required: one of unknown-to-provider, overdue.", error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(PipelineHarness pipeline, Func<ListCommands, Task<int>> command)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var commands = new ListCommands(pipeline.Services.GetRequiredService<DeliveryListing>(), pipeline.Services.GetRequiredService<JobListing>(), output, error);
        var exit = await command(commands);
        return (exit, output.ToString(), error.ToString());
    }
}
