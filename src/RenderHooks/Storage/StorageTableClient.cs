using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RenderHooks.Storage;

/// <summary>
/// A client for one storage table over the Table service REST API (JSON, OData minimal metadata; the Azure SDK is
/// not used). Failures are thrown as <see cref="RequestFailedException"/> with <c>Status</c> and <c>ErrorCode</c> set.
/// </summary>
public sealed class StorageTableClient
{
    private const string JsonMinimalMetadata = "application/json;odata=minimalmetadata";
    private const string ContinuationPartitionKey = "x-ms-continuation-NextPartitionKey";
    private const string ContinuationRowKey = "x-ms-continuation-NextRowKey";

    private static readonly RequestMethod Patch = new("PATCH");

    private readonly HttpPipeline _pipeline;
    private readonly Uri _serviceUri;
    private readonly string _serviceVersion;
    private readonly StorageRequestFailedDetailsParser _parser = new();

    /// <summary>Creates a client for table <paramref name="tableName"/> of <paramref name="account"/>.</summary>
    /// <exception cref="ArgumentException">The table name is not valid.</exception>
    public StorageTableClient(StorageAccount account, string tableName, StorageTableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        StorageNames.ValidateTableName(tableName);
        options ??= new StorageTableClientOptions();

        Name = tableName;
        _serviceVersion = options.ServiceVersion;
        _serviceUri = new Uri(account.TableServiceUri.AbsoluteUri.TrimEnd('/'));
        _pipeline = StoragePipelineFactory.Build(account, options, (key, time) => new TableSharedKeyPolicy(key, time), _parser);
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    private string Resource => $"table '{Name}'";

    /// <summary>Creates the table; succeeds if it already exists.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, "Tables");
        SetJsonBody(message, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        await _pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.Status is 201 or 204)
        {
            return;
        }

        if (response.Status == 409)
        {
            _parser.TryParse(response, out var error, out _);
            if (error?.Code == "TableAlreadyExists")
            {
                return;
            }
        }

        throw StorageFailures.Create(response, _parser, "Create table", Resource);
    }

    /// <summary>Deletes the table; succeeds if it does not exist.</summary>
    public async Task DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, $"Tables('{Name}')");
        await SendAsync(message, "Delete table", cancellationToken, 204, 404);
    }

    /// <summary>Inserts a new entity; a 409 <c>EntityAlreadyExists</c> failure when it exists. Returns the new ETag.</summary>
    public async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(RequestMethod.Post, Name);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonBody(message, TableEntityJson.Write(entity));
        var response = await SendAsync(message, "Add entity", cancellationToken, 204, 201);
        return ReadETag(response);
    }

    /// <summary>Reads an entity; null when it does not exist.</summary>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="rowKey">The row key.</param>
    /// <param name="select">The properties to return; all when null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<TableEntity?> GetEntityIfExistsAsync(
        string partitionKey,
        string rowKey,
        IEnumerable<string>? select = null,
        CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, EntityPath(partitionKey, rowKey));
        AppendSelect(message, select);
        var response = await SendAsync(message, "Get entity", cancellationToken, 200, 404);
        if (response.Status == 404)
        {
            return null;
        }

        using var document = StorageJson.Parse(response.Content);
        response.Headers.TryGetValue("ETag", out var etag);
        return TableEntityJson.Read(document.RootElement, etag);
    }

    /// <summary>
    /// Updates an existing entity if its ETag still matches <paramref name="ifMatch"/> (<see cref="ETag.All"/>: any
    /// version); a 412 failure when it changed, 404 when it does not exist. Returns the new ETag.
    /// </summary>
    public async Task<ETag> UpdateEntityAsync(
        TableEntity entity,
        ETag ifMatch,
        TableUpdateMode mode = TableUpdateMode.Replace,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (ifMatch == default)
        {
            throw new ArgumentException("An ETag is required; use ETag.All for an unconditional update.", nameof(ifMatch));
        }

        using var message = CreateMessage(mode == TableUpdateMode.Merge ? Patch : RequestMethod.Put, EntityPath(entity.PartitionKey, entity.RowKey));
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch.ToString());
        SetJsonBody(message, TableEntityJson.Write(entity));
        var response = await SendAsync(message, mode == TableUpdateMode.Merge ? "Merge entity" : "Update entity", cancellationToken, 204);
        return ReadETag(response);
    }

    /// <summary>Inserts the entity or replaces/merges it into an existing one. Returns the new ETag.</summary>
    public async Task<ETag> UpsertEntityAsync(
        TableEntity entity,
        TableUpdateMode mode = TableUpdateMode.Replace,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(mode == TableUpdateMode.Merge ? Patch : RequestMethod.Put, EntityPath(entity.PartitionKey, entity.RowKey));
        SetJsonBody(message, TableEntityJson.Write(entity));
        var response = await SendAsync(message, mode == TableUpdateMode.Merge ? "Upsert (merge) entity" : "Upsert entity", cancellationToken, 204);
        return ReadETag(response);
    }

    /// <summary>Deletes an entity if its ETag matches (<see cref="ETag.All"/>: any version); succeeds if it does not exist.</summary>
    public async Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch == default ? ETag.All.ToString() : ifMatch.ToString());
        await SendAsync(message, "Delete entity", cancellationToken, 204, 404);
    }

    /// <summary>Queries the table, following continuation tokens until all matching entities have been returned.</summary>
    /// <param name="filter">An OData filter (see <see cref="TableFilter"/>); all entities when null.</param>
    /// <param name="select">The properties to return; all when null.</param>
    /// <param name="maxPerPage">The page size requested from the service (<c>$top</c>, at most 1000).</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public async IAsyncEnumerable<TableEntity> QueryAsync(
        string? filter = null,
        IEnumerable<string>? select = null,
        int? maxPerPage = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (maxPerPage is { } top)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(top, 1, nameof(maxPerPage));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(top, 1000, nameof(maxPerPage));
        }

        var selectList = select?.ToList();
        string? nextPartitionKey = null;
        string? nextRowKey = null;
        do
        {
            List<TableEntity> page;
            using (var message = CreateMessage(RequestMethod.Get, Name + "()"))
            {
                if (!string.IsNullOrWhiteSpace(filter))
                {
                    message.Request.Uri.AppendQuery("$filter", filter);
                }

                AppendSelect(message, selectList);
                if (maxPerPage is { } pageSize)
                {
                    message.Request.Uri.AppendQuery("$top", pageSize.ToString(CultureInfo.InvariantCulture));
                }

                if (nextPartitionKey is not null)
                {
                    message.Request.Uri.AppendQuery("NextPartitionKey", nextPartitionKey);
                }

                if (nextRowKey is not null)
                {
                    message.Request.Uri.AppendQuery("NextRowKey", nextRowKey);
                }

                var response = await SendAsync(message, "Query entities", cancellationToken, 200);
                page = ReadPage(response);
                nextPartitionKey = response.Headers.TryGetValue(ContinuationPartitionKey, out var npk) && !string.IsNullOrEmpty(npk) ? npk : null;
                nextRowKey = response.Headers.TryGetValue(ContinuationRowKey, out var nrk) && !string.IsNullOrEmpty(nrk) ? nrk : null;
            }

            foreach (var entity in page)
            {
                yield return entity;
            }
        }
        while (nextPartitionKey is not null);
    }

    private static List<TableEntity> ReadPage(Response response)
    {
        using var document = StorageJson.Parse(response.Content);
        var entities = new List<TableEntity>();
        if (document.RootElement.TryGetProperty("value", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in values.EnumerateArray())
            {
                entities.Add(TableEntityJson.Read(element));
            }
        }

        return entities;
    }

    private static string EntityPath(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        return $"(PartitionKey={TableFilter.Quote(partitionKey)},RowKey={TableFilter.Quote(rowKey)})";
    }

    private static void AppendSelect(HttpMessage message, IEnumerable<string>? select)
    {
        if (select is null)
        {
            return;
        }

        var list = string.Join(",", select);
        if (list.Length > 0)
        {
            message.Request.Uri.AppendQuery("$select", list);
        }
    }

    private static void SetJsonBody(HttpMessage message, byte[] body)
    {
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        message.Request.Content = RequestContent.Create(body);
    }

    private static ETag ReadETag(Response response) =>
        response.Headers.ETag ?? default;

    /// <summary>A request to <c>{service}/{table}{suffix}</c>; <paramref name="path"/> is URL-escaped except for the OData key syntax.</summary>
    private HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(_serviceUri);
        request.Uri.AppendPath("/", escape: false);
        if (path.StartsWith('('))
        {
            request.Uri.AppendPath(Name, escape: false);
            request.Uri.AppendPath(EscapeKeyPath(path), escape: false);
        }
        else
        {
            request.Uri.AppendPath(EscapeKeyPath(path), escape: false);
        }

        request.Headers.SetValue(StorageRequestHeaders.Version, _serviceVersion);
        request.Headers.SetValue(HttpHeader.Names.Accept, JsonMinimalMetadata);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    /// <summary>Escapes everything but the characters of the OData key syntax (letters, digits, <c>( ) = , '</c>).</summary>
    private static string EscapeKeyPath(string path)
    {
        var builder = new System.Text.StringBuilder(path.Length);
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || "()=,'-_.~".Contains((char)rune.Value, StringComparison.Ordinal)))
            {
                builder.Append((char)rune.Value);
            }
            else
            {
                builder.Append(Uri.EscapeDataString(rune.ToString()));
            }
        }

        return builder.ToString();
    }

    private async Task<Response> SendAsync(HttpMessage message, string operation, CancellationToken cancellationToken, params int[] expectedStatuses)
    {
        await _pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (Array.IndexOf(expectedStatuses, response.Status) < 0)
        {
            throw StorageFailures.Create(response, _parser, operation, Resource);
        }

        return response;
    }
}
