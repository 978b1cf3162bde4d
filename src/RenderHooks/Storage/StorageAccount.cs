using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace RenderHooks.Storage;

/// <summary>
/// The storage account the Functions host's <c>AzureWebJobsStorage</c> setting describes: its service endpoints
/// and how to authenticate to them (account key, shared access signature or a token credential). It makes the
/// Azure SDK's service clients (<see cref="CreateQueueServiceClient"/>, <see cref="CreateTableServiceClient"/>);
/// the key or signature never leaves the SDK's credentials.
/// </summary>
public sealed class StorageAccount
{
    /// <summary>The name of the Functions host's storage setting.</summary>
    public const string DefaultConnectionName = "AzureWebJobsStorage";

    internal const string DevelopmentAccountName = "devstoreaccount1";

    internal const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>What to set when <see cref="BlobServiceUri"/> is unknown, naming the setting it was read from.</summary>
    private readonly string? _noBlobEndpoint;

    private StorageAccount(
        string? accountName,
        Uri queueServiceUri,
        Uri tableServiceUri,
        Uri? blobServiceUri,
        (StorageSharedKeyCredential Queues, TableSharedKeyCredential Tables)? sharedKey,
        AzureSasCredential? sas,
        TokenCredential? tokenCredential,
        string? noBlobEndpoint = null)
    {
        _noBlobEndpoint = noBlobEndpoint;
        AccountName = accountName;
        QueueServiceUri = queueServiceUri;
        TableServiceUri = tableServiceUri;
        BlobServiceUri = blobServiceUri;
        SharedKeyCredential = sharedKey?.Queues;
        TableSharedKeyCredential = sharedKey?.Tables;
        SasCredential = sas;
        TokenCredential = tokenCredential;
    }

    /// <summary>The account name, when known (always for shared key; identity-based settings may only give URIs).</summary>
    public string? AccountName { get; }

    /// <summary>The queue service endpoint, e.g. <c>https://acct.queue.core.windows.net/</c> or <c>http://127.0.0.1:10001/devstoreaccount1</c>.</summary>
    public Uri QueueServiceUri { get; }

    /// <summary>The table service endpoint.</summary>
    public Uri TableServiceUri { get; }

    /// <summary>The blob service endpoint, when known.</summary>
    public Uri? BlobServiceUri { get; }

    /// <summary>True when requests are signed with the account key.</summary>
    public bool UsesSharedKey => SharedKeyCredential is not null;

    /// <summary>True when requests carry a shared access signature from the connection string.</summary>
    public bool UsesSas => SasCredential is not null;

    /// <summary>The account key as the queue (and blob) clients take it; null unless <see cref="UsesSharedKey"/>.</summary>
    internal StorageSharedKeyCredential? SharedKeyCredential { get; }

    /// <summary>The account key as the table clients take it; null unless <see cref="UsesSharedKey"/>.</summary>
    internal TableSharedKeyCredential? TableSharedKeyCredential { get; }

    internal AzureSasCredential? SasCredential { get; }

    internal TokenCredential? TokenCredential { get; }

    /// <summary>A queue service client on <see cref="QueueServiceUri"/> with the account's credential.</summary>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SharedKeyCredential is { } key ? new QueueServiceClient(QueueServiceUri, key, options)
            : SasCredential is { } sas ? new QueueServiceClient(QueueServiceUri, sas, options)
            : new QueueServiceClient(QueueServiceUri, TokenCredential!, options);
    }

    /// <summary>A blob service client on <see cref="BlobServiceUri"/> with the account's credential.</summary>
    /// <exception cref="InvalidOperationException">The setting gives no blob endpoint; the message names the setting to add.</exception>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var uri = BlobServiceUri ?? throw new InvalidOperationException(
            _noBlobEndpoint ?? $"The storage account setting '{DefaultConnectionName}' gives no blob endpoint; RenderHooks keeps large payloads in blob storage.");
        return SharedKeyCredential is { } key ? new BlobServiceClient(uri, key, options)
            : SasCredential is { } sas ? new BlobServiceClient(uri, sas, options)
            : new BlobServiceClient(uri, TokenCredential!, options);
    }

    /// <summary>A table service client on <see cref="TableServiceUri"/> with the account's credential.</summary>
    public TableServiceClient CreateTableServiceClient(TableClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TableSharedKeyCredential is { } key ? new TableServiceClient(TableServiceUri, key, options)
            : SasCredential is { } sas ? new TableServiceClient(TableServiceUri, sas, options)
            : new TableServiceClient(TableServiceUri, TokenCredential!, options);
    }

    /// <summary>
    /// Reads the account from configuration the way the Functions host does: <c>configuration[connectionName]</c> as a
    /// connection string, or else the identity-based children of section <paramref name="connectionName"/>
    /// (<c>accountName</c> or <c>queueServiceUri</c>/<c>tableServiceUri</c>/<c>blobServiceUri</c>, with optional
    /// <c>credential</c> = <c>managedidentity</c> and <c>clientId</c>).
    /// </summary>
    public static StorageAccount FromConfiguration(IConfiguration configuration, string connectionName = DefaultConnectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        var connectionString = configuration[connectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return Parse(connectionString);
        }

        var section = configuration.GetSection(connectionName);
        var accountName = NullIfBlank(section["accountName"]);
        var queueUri = ReadUri(section, connectionName, "queueServiceUri");
        var tableUri = ReadUri(section, connectionName, "tableServiceUri");
        var blobUri = ReadUri(section, connectionName, "blobServiceUri");

        if (accountName is not null)
        {
            if (!StorageNames.IsValidAccountName(accountName))
            {
                throw new InvalidOperationException(
                    $"The setting '{connectionName}__accountName' is not a valid storage account name (3-24 lowercase letters and digits).");
            }

            queueUri ??= new Uri($"https://{accountName}.queue.core.windows.net/");
            tableUri ??= new Uri($"https://{accountName}.table.core.windows.net/");
            blobUri ??= new Uri($"https://{accountName}.blob.core.windows.net/");
        }

        if (queueUri is null || tableUri is null)
        {
            throw new InvalidOperationException(
                $"The storage account setting '{connectionName}' is missing or incomplete. Set '{connectionName}' to a connection string " +
                $"(e.g. 'UseDevelopmentStorage=true' or 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...'), or use an " +
                $"identity-based connection: '{connectionName}__accountName', or both '{connectionName}__queueServiceUri' and " +
                $"'{connectionName}__tableServiceUri', optionally with '{connectionName}__credential' = 'managedidentity' and " +
                $"'{connectionName}__clientId'.");
        }

        var clientId = NullIfBlank(section["clientId"]);
        var credentialKind = NullIfBlank(section["credential"]);
        TokenCredential credential;
        if (string.Equals(credentialKind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            credential = clientId is null
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }
        else
        {
            var options = new DefaultAzureCredentialOptions();
            if (clientId is not null)
            {
                options.ManagedIdentityClientId = clientId;
            }

            credential = new DefaultAzureCredential(options);
        }

        accountName ??= GuessAccountName(queueUri);
        var noBlobEndpoint =
            $"The storage account setting '{connectionName}' gives no blob endpoint, and RenderHooks keeps payloads larger than a queue message " +
            $"in blob storage: set '{connectionName}__blobServiceUri' (e.g. 'https://<account>.blob.core.windows.net'), or '{connectionName}__accountName' instead of the service URIs.";
        return new StorageAccount(accountName, queueUri, tableUri, blobUri, sharedKey: null, sas: null, credential, noBlobEndpoint);
    }

    /// <summary>
    /// Parses a storage connection string: <c>UseDevelopmentStorage=true</c> (optionally with
    /// <c>DevelopmentStorageProxyUri</c>), or <c>DefaultEndpointsProtocol</c>, <c>AccountName</c>, <c>AccountKey</c> or
    /// <c>SharedAccessSignature</c>, <c>EndpointSuffix</c> and explicit <c>QueueEndpoint</c>/<c>TableEndpoint</c>/<c>BlobEndpoint</c>
    /// (a SAS connection string needs the account name or both the queue and table endpoints). Keys are case-insensitive;
    /// no message ever repeats the key or the signature.
    /// </summary>
    /// <exception cref="FormatException">The string is not a usable storage connection string.</exception>
    public static StorageAccount Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var settings = StorageConnectionStringParser.Parse(connectionString);

        if (settings.TryGetValue("UseDevelopmentStorage", out var useDev))
        {
            if (!string.Equals(useDev, "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException("The storage connection string has 'UseDevelopmentStorage' set to a value other than 'true'.");
            }

            return ParseDevelopmentStorage(settings);
        }

        settings.TryGetValue("AccountName", out var accountName);
        settings.TryGetValue("AccountKey", out var accountKey);
        settings.TryGetValue("SharedAccessSignature", out var sas);
        accountName = NullIfBlank(accountName);
        accountKey = NullIfBlank(accountKey);
        sas = NullIfBlank(sas)?.TrimStart('?');

        if (accountKey is not null && sas is not null)
        {
            throw new FormatException("The storage connection string has both 'AccountKey' and 'SharedAccessSignature'; keep one.");
        }

        if (accountKey is not null && accountName is null)
        {
            throw new FormatException("The storage connection string has an 'AccountKey' but no 'AccountName'.");
        }

        if (accountKey is null && sas is null)
        {
            throw new FormatException(
                $"The storage connection string{(accountName is null ? string.Empty : $" for account '{accountName}'")} has neither 'AccountKey' nor " +
                "'SharedAccessSignature'. Give one, or use 'UseDevelopmentStorage=true' or an identity-based connection.");
        }

        if (accountKey is not null && !IsBase64(accountKey))
        {
            throw new FormatException($"The 'AccountKey' in the storage connection string for account '{accountName}' is not valid base64.");
        }

        var protocol = settings.TryGetValue("DefaultEndpointsProtocol", out var p) && !string.IsNullOrWhiteSpace(p) ? p.ToLowerInvariant() : "https";
        if (protocol is not ("http" or "https"))
        {
            throw new FormatException("The storage connection string's 'DefaultEndpointsProtocol' must be 'http' or 'https'.");
        }

        var suffix = settings.TryGetValue("EndpointSuffix", out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim('.') : "core.windows.net";

        var queueUri = ExplicitEndpoint(settings, "QueueEndpoint") ?? DefaultEndpoint(protocol, accountName, "queue", suffix);
        var tableUri = ExplicitEndpoint(settings, "TableEndpoint") ?? DefaultEndpoint(protocol, accountName, "table", suffix);
        var blobUri = ExplicitEndpoint(settings, "BlobEndpoint") ?? (accountName is null ? null : DefaultEndpoint(protocol, accountName, "blob", suffix));

        return accountKey is not null
            ? new StorageAccount(
                accountName,
                queueUri,
                tableUri,
                blobUri,
                (new StorageSharedKeyCredential(accountName!, accountKey), new TableSharedKeyCredential(accountName!, accountKey)),
                sas: null,
                tokenCredential: null)
            : new StorageAccount(
                accountName ?? GuessAccountName(queueUri),
                queueUri,
                tableUri,
                blobUri,
                sharedKey: null,
                new AzureSasCredential(sas!),
                tokenCredential: null,
                $"The storage connection string of '{DefaultConnectionName}' gives no blob endpoint, and RenderHooks keeps payloads larger than a queue message " +
                "in blob storage: add 'BlobEndpoint=https://<account>.blob.core.windows.net/' (or 'AccountName'), with a signature that allows the blob service.");
    }

    /// <summary>Describes the account and endpoints; never the key or the signature.</summary>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"StorageAccount {{ AccountName = {AccountName ?? "(unknown)"}, Queue = {QueueServiceUri}, Table = {TableServiceUri}, Blob = {BlobServiceUri?.ToString() ?? "(none)"}, Auth = {(UsesSharedKey ? "SharedKey" : UsesSas ? "SharedAccessSignature" : "TokenCredential")} }}");

    private static StorageAccount ParseDevelopmentStorage(Dictionary<string, string> settings)
    {
        var baseUri = "http://127.0.0.1";
        if (settings.TryGetValue("DevelopmentStorageProxyUri", out var proxy) && !string.IsNullOrWhiteSpace(proxy))
        {
            if (!Uri.TryCreate(proxy, UriKind.Absolute, out var proxyUri))
            {
                throw new FormatException("The storage connection string's 'DevelopmentStorageProxyUri' is not an absolute URI.");
            }

            baseUri = $"{proxyUri.Scheme}://{proxyUri.Host}";
        }

        Uri Endpoint(int port) => new($"{baseUri}:{port.ToString(CultureInfo.InvariantCulture)}/{DevelopmentAccountName}");

        return new StorageAccount(
            DevelopmentAccountName,
            Endpoint(10001),
            Endpoint(10002),
            Endpoint(10000),
            (new StorageSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey), new TableSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey)),
            sas: null,
            tokenCredential: null);
    }

    private static Uri? ExplicitEndpoint(Dictionary<string, string> settings, string key)
    {
        if (!settings.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"The storage connection string's '{key}' is not an absolute http(s) URI.");
        }

        return uri;
    }

    private static Uri DefaultEndpoint(string protocol, string? accountName, string service, string suffix)
    {
        if (accountName is null)
        {
            var key = service == "queue" ? "QueueEndpoint" : "TableEndpoint";
            throw new FormatException($"The storage connection string has no 'AccountName' and no '{key}': give one of them.");
        }

        if (!Uri.TryCreate($"{protocol}://{accountName}.{service}.{suffix}/", UriKind.Absolute, out var uri))
        {
            throw new FormatException($"The storage connection string's 'AccountName' and 'EndpointSuffix' do not form a valid {service} endpoint.");
        }

        return uri;
    }

    private static Uri? ReadUri(IConfigurationSection section, string connectionName, string key)
    {
        var value = NullIfBlank(section[key]);
        if (value is null)
        {
            return null;
        }

        // Identity-based settings authenticate with Entra ID tokens, which are never sent over plain http.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException(
                $"The setting '{connectionName}__{key}' must be an absolute https URI: identity-based connections send Entra ID tokens, which need TLS.");
        }

        return uri;
    }

    private static string? GuessAccountName(Uri serviceUri)
    {
        var host = serviceUri.Host;
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && !serviceUri.IsLoopback ? host[..dot] : null;
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
