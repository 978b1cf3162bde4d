using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace RenderHooks.Storage;

/// <summary>
/// The options every queue, table and blob client of the pipeline is made with: service versions that Azure and Azurite 3.37
/// both accept, base64 messages (what the Functions queue trigger reads by default), retries chosen per call site, and
/// diagnostics that never log a pop receipt, a query filter, a signature or a message body.
/// </summary>
internal static class StorageClientDefaults
{
    /// <summary>
    /// The queue API version sent as <c>x-ms-version</c>: the newest that Azurite 3.37 accepts (it refuses the SDK's
    /// default, 2026-10-06, unless started with <c>--skipApiVersionCheck</c>); Azure accepts every released version.
    /// </summary>
    public const QueueClientOptions.ServiceVersion QueueServiceVersion = QueueClientOptions.ServiceVersion.V2026_06_06;

    /// <summary>The table API version: the SDK's newest, 2020-12-06, which Azurite 3.37 accepts too.</summary>
    public const TableClientOptions.ServiceVersion TableServiceVersion = TableClientOptions.ServiceVersion.V2020_12_06;

    /// <summary>
    /// The blob API version: the newest that Azurite 3.37 accepts (2026-06-06, as for queues; the SDK's default,
    /// 2026-10-06, is refused without <c>--skipApiVersionCheck</c>). It has blob index tags, which Azure has had since 2019-12-12.
    /// </summary>
    public const BlobClientOptions.ServiceVersion BlobServiceVersion = BlobClientOptions.ServiceVersion.V2026_06_06;

    /// <summary>Capabilities and data, never logged: a pop receipt lets its holder delete or change a message.</summary>
    private static readonly string[] HiddenQueryParameters = ["popreceipt", "$filter", "sig"];

    private static readonly string[] HiddenHeaders = ["x-ms-popreceipt"];

    /// <summary>Options for queue clients: base64 messages, <paramref name="onDecodingFailed"/> for a message that is not.</summary>
    public static QueueClientOptions Queues(Action<RetryOptions> retry, SyncAsyncEventHandler<QueueMessageDecodingFailedEventArgs> onDecodingFailed)
    {
        ArgumentNullException.ThrowIfNull(retry);
        var options = new QueueClientOptions(QueueServiceVersion) { MessageEncoding = QueueMessageEncoding.Base64 };
        options.MessageDecodingFailed += onDecodingFailed;
        retry(options.Retry);
        Hide(options.Diagnostics);
        return options;
    }

    /// <summary>Options for blob clients, with the retries <paramref name="retry"/> sets.</summary>
    public static BlobClientOptions Blobs(Action<RetryOptions> retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        var options = new BlobClientOptions(BlobServiceVersion);
        retry(options.Retry);
        Hide(options.Diagnostics);
        return options;
    }

    /// <summary>Options for table clients, with <see cref="StandardRetry"/>.</summary>
    public static TableClientOptions Tables()
    {
        var options = new TableClientOptions(TableServiceVersion);
        StandardRetry(options.Retry);
        foreach (var header in new[] { "x-ms-request-id", "x-ms-error-code", "x-ms-version", "DataServiceVersion", "Preference-Applied" })
        {
            options.Diagnostics.LoggedHeaderNames.Add(header);
        }

        foreach (var parameter in new[] { "$top", "$select", "$format" })
        {
            options.Diagnostics.LoggedQueryParameters.Add(parameter);
        }

        Hide(options.Diagnostics);
        return options;
    }

    /// <summary>
    /// Azure.Core's defaults, as every storage call but intake's had them before the SDK: 3 retries, exponential from
    /// 0.8 s up to 1 min, 100 s per attempt. The queue SDK's own default would be 5 retries.
    /// </summary>
    public static void StandardRetry(RetryOptions retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = 3;
        retry.Delay = TimeSpan.FromSeconds(0.8);
        retry.MaxDelay = TimeSpan.FromMinutes(1);
        retry.NetworkTimeout = TimeSpan.FromSeconds(100);
    }

    private static void Hide(DiagnosticsOptions diagnostics)
    {
        diagnostics.IsLoggingContentEnabled = false;
        RemoveAll(diagnostics.LoggedQueryParameters, HiddenQueryParameters);
        RemoveAll(diagnostics.LoggedHeaderNames, HiddenHeaders);
    }

    private static void RemoveAll(IList<string> names, string[] hidden)
    {
        for (var i = names.Count - 1; i >= 0; i--)
        {
            if (hidden.Contains(names[i], StringComparer.OrdinalIgnoreCase))
            {
                names.RemoveAt(i);
            }
        }
    }
}
