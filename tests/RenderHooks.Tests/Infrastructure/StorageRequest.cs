using Microsoft.AspNetCore.Http;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>A request to storage as <see cref="StorageFaultProxy"/> saw it: method, path (account first), query and headers.</summary>
public sealed record StorageRequest(string Method, string Path, string Query, IHeaderDictionary Headers)
{
    /// <summary>True for a request on the queue or table named <paramref name="name"/> (or one of its messages or entities).</summary>
    public bool On(string name)
    {
        var segments = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return false;
        }

        // Queues: /account/queue[/messages[/id]]. Tables: /account/Table or /account/Table(PartitionKey='…',RowKey='…').
        var resource = segments[1];
        var parenthesis = resource.IndexOf('(', StringComparison.Ordinal);
        return string.Equals(parenthesis < 0 ? resource : resource[..parenthesis], name, StringComparison.Ordinal);
    }

    /// <summary>A conditional write: an update or delete that carries <c>If-Match</c>.</summary>
    public bool IsConditional => Headers.IfMatch.Count > 0;

    /// <summary>A point operation on the entity of <paramref name="partitionKey"/> (as the path escapes it).</summary>
    public bool InPartition(string partitionKey) =>
        Uri.UnescapeDataString(Path).Contains($"(PartitionKey='{partitionKey.Replace("'", "''", StringComparison.Ordinal)}',", StringComparison.Ordinal);
}
