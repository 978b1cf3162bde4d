using Azure.Core;

namespace RenderHooks.Storage;

/// <summary>Options shared by the storage REST clients.</summary>
public class StorageClientOptions : ClientOptions
{
    /// <summary>
    /// The storage REST API version sent as <c>x-ms-version</c>. 2024-11-04 is accepted by Azure Queue and
    /// Table storage and by Azurite 3.37.
    /// </summary>
    public const string DefaultServiceVersion = "2024-11-04";

    /// <summary>Creates options whose logging shows the storage request id, error code and the non-sensitive query parameters.</summary>
    public StorageClientOptions()
    {
        foreach (var header in new[] { "x-ms-request-id", "x-ms-client-request-id", "x-ms-error-code", "x-ms-version", "x-ms-date", "x-ms-approximate-messages-count", "x-ms-continuation-NextPartitionKey", "x-ms-continuation-NextRowKey", "ETag", "If-Match", "Prefer", "DataServiceVersion" })
        {
            Diagnostics.LoggedHeaderNames.Add(header);
        }

        // Never popreceipt (a capability) nor $filter (may hold data).
        foreach (var parameter in new[] { "comp", "numofmessages", "visibilitytimeout", "messagettl", "peekonly", "$top", "$select" })
        {
            Diagnostics.LoggedQueryParameters.Add(parameter);
        }
    }

    /// <summary>The storage REST API version sent as <c>x-ms-version</c>.</summary>
    public string ServiceVersion { get; set; } = DefaultServiceVersion;
}
