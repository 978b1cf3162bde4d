using RenderHooks.Deliveries;
using RenderHooks.Jobs;
using RenderHooks.Listing;

namespace RenderHooks.Tool;

/// <summary>
/// <c>deliveries</c> and <c>jobs</c>: the management listings, read through the library from the storage account (as
/// <c>requeue-poison</c> is), printed as a table. One page unless <c>--all</c>; a page that has a next one ends with the
/// <c>--cursor</c> to pass for it. Options are checked as the HTTP routes check their parameters.
/// </summary>
internal sealed class ListCommands(DeliveryListing deliveries, JobListing jobs, TextWriter output, TextWriter error)
{
    private static readonly string[] DeliveryOptions = ["outcome", "provider", "since", "limit", "cursor"];

    private static readonly string[] JobOptions = ["state", "provider", "limit", "cursor"];

    public async Task<int> DeliveriesAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (!ListOptions.TryParse(args, DeliveryOptions, out var options, out var invalid))
        {
            return Usage(invalid!);
        }

        if (!DeliveryListQuery.TryParse(options["outcome"], options["provider"], options["since"], options["limit"], out var query, out var problem))
        {
            return Usage(Option(problem!));
        }

        var table = new TextTable("RECEIVED", "OUTCOME", "PROVIDER", "JOB", "DELIVERY", "REASON");
        return await PagesAsync(
            cursor => deliveries.ListAsync(query, cursor, cancellationToken),
            d => table.Add(TextTable.Time(d.ReceivedAt), d.Outcome, d.Provider, d.JobId, d.DeliveryId ?? "message " + d.MessageId, d.Reason),
            table,
            options);
    }

    public async Task<int> JobsAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (!ListOptions.TryParse(args, JobOptions, out var options, out var invalid))
        {
            return Usage(invalid!);
        }

        if (!JobListQuery.TryParse(options["state"], options["provider"], options["limit"], out var query, out var problem))
        {
            return Usage(Option(problem!));
        }

        var table = new TextTable("PROVIDER", "JOB", "STATUS", "VERIFICATION", "NEXT CHECK", "LAST CHECKED", "CHECKS", "REFERENCE");
        return await PagesAsync(
            cursor => jobs.ListAsync(query, cursor, cancellationToken),
            j => table.Add(
                j.Provider, j.JobId, j.Status, j.Verification, TextTable.Time(j.NextCheckAt), TextTable.Time(j.LastCheckedAt),
                j.CheckCount.ToString(System.Globalization.CultureInfo.InvariantCulture), j.Reference),
            table,
            options);
    }

    private async Task<int> PagesAsync<T>(Func<string?, Task<ListResult<T>>> list, Action<T> add, TextTable table, ListOptions options)
    {
        var cursor = options["cursor"];
        while (true)
        {
            var result = await list(cursor);
            if (result.Problem is { } problem)
            {
                return Usage(Option(problem));
            }

            foreach (var item in result.Page!.Items)
            {
                add(item);
            }

            cursor = result.Page.Cursor;
            if (cursor is null || !options.All)
            {
                break;
            }
        }

        table.WriteTo(output);
        await output.WriteLineAsync(table.Count == 0 ? "Nothing listed." : $"{table.Count} listed.");
        if (cursor is not null)
        {
            await output.WriteLineAsync($"More: repeat with the same options and --cursor {cursor} (or --all).");
        }

        return 0;
    }

    /// <summary>The route's words for a parameter, for the option of the same name.</summary>
    private static string Option(ListProblem problem) => $"--{problem.Parameter}: {problem.Detail}";

    private int Usage(string message)
    {
        error.WriteLine(message);
        return 2;
    }
}
