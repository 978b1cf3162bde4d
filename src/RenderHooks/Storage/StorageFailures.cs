using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace RenderHooks.Storage;

/// <summary>
/// Names the queue, table or blob in a storage failure. The SDK's <see cref="RequestFailedException"/> carries the status,
/// the error code and the service's message, not which queue or table answered; awaited through these, an SDK call
/// that fails throws a <see cref="RequestFailedException"/> with the same <c>Status</c>, the error code (see
/// <see cref="StorageErrors.ErrorCode"/>) and a message that names the queue or table, the SDK's exception inside. A
/// retry policy's <see cref="AggregateException"/> (no answer after every attempt) is named the same way. Logs and
/// health answers built from these exceptions therefore say which queue or table failed, and how.
/// </summary>
public static class StorageFailures
{
    public static Task<T> NameFailures<T>(this Task<T> call, QueueClient queue)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(queue);
        return NameFailures(call, "Queue", queue.Name);
    }

    public static Task<T> NameFailures<T>(this Task<T> call, TableClient table)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(table);
        return NameFailures(call, "Table", table.Name);
    }

    public static Task<T> NameFailures<T>(this Task<T> call, BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(container);
        return NameFailures(call, "Blob container", container.Name);
    }

    public static Task<T> NameFailures<T>(this Task<T> call, BlobClient blob)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(blob);
        return NameFailures(call, "Blob", $"{blob.BlobContainerName}/{blob.Name}");
    }

    /// <summary>Enumerates a query's results, naming the table in a failure to read a page.</summary>
    public static async IAsyncEnumerable<T> NameFailures<T>(
        this AsyncPageable<T> results, TableClient table, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(table);
        var enumerator = results.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (Exception e) when (Named(e, $"Table '{table.Name}'") is { } named)
                {
                    throw named;
                }

                yield return enumerator.Current;
            }
        }
    }

    private static async Task<T> NameFailures<T>(Task<T> call, string kind, string name)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception e) when (Named(e, $"{kind} '{name}'") is { } named)
        {
            throw named;
        }
    }

    /// <summary>The named failure for <paramref name="exception"/>, or null when it is not a storage answer (a bug, a cancellation).</summary>
    private static Exception? Named(Exception exception, string resource) => exception switch
    {
        RequestFailedException e => new RequestFailedException(e.Status, Describe(e, resource), StorageErrors.ErrorCode(e), e),
        AggregateException { InnerExceptions.Count: > 0 } e => new AggregateException(
            string.Create(CultureInfo.InvariantCulture, $"{resource} did not answer in {e.InnerExceptions.Count} attempts (last: {FirstLine(e.InnerExceptions[^1].Message)})"),
            e.InnerExceptions),
        _ => null,
    };

    private static string Describe(RequestFailedException e, string resource)
    {
        var detail = FirstLine(e.Message);
        if (e.Status == 0)
        {
            return $"{resource} did not answer ({detail})";
        }

        var code = StorageErrors.ErrorCode(e);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{resource} answered {e.Status}{(code is null ? string.Empty : " " + code)}: {detail}");
    }

    private static string FirstLine(string message)
    {
        var end = message.AsSpan().IndexOfAny('\r', '\n');
        return (end < 0 ? message : message[..end]).Trim();
    }
}
