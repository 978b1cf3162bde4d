using Azure;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class StorageTableClientTests
{
    private readonly AzuriteFixture _azurite;

    public StorageTableClientTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private async Task<StorageTableClient> CreateTableAsync()
    {
        var client = new StorageTableClient(_azurite.Account, _azurite.UniqueName("t"));
        await client.CreateIfNotExistsAsync();
        return client;
    }

    private static TableEntity Entity(string partitionKey, string rowKey, string text = "value")
    {
        var entity = new TableEntity(partitionKey, rowKey);
        entity["Text"] = text;
        return entity;
    }

    [Fact]
    public async Task CreateIfNotExists_CalledTwice_Succeeds()
    {
        var client = new StorageTableClient(_azurite.Account, _azurite.UniqueName("create"));

        await client.CreateIfNotExistsAsync();
        await client.CreateIfNotExistsAsync();

        Assert.Empty(await client.QueryAsync().ToListAsync());
    }

    [Fact]
    public async Task AddEntity_Twice_SecondThrows409EntityAlreadyExists()
    {
        var client = await CreateTableAsync();

        var etag = await client.AddEntityAsync(Entity("p", "r"));
        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => client.AddEntityAsync(Entity("p", "r")));

        Assert.NotEqual(default, etag);
        Assert.Equal(409, exception.Status);
        Assert.Equal("EntityAlreadyExists", exception.ErrorCode);
        Assert.Contains(client.Name, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEntityIfExists_Existing_ReturnsEntityWithETagAndTimestamp()
    {
        var client = await CreateTableAsync();
        var etag = await client.AddEntityAsync(Entity("p", "r", "hello"));

        var entity = await client.GetEntityIfExistsAsync("p", "r");

        Assert.NotNull(entity);
        Assert.Equal("p", entity.PartitionKey);
        Assert.Equal("r", entity.RowKey);
        Assert.Equal("hello", entity.GetString("Text"));
        Assert.Equal(etag, entity.ETag);
        Assert.NotNull(entity.Timestamp);
        Assert.Null(entity["Timestamp"]);
    }

    [Fact]
    public async Task GetEntityIfExists_Missing_ReturnsNull()
    {
        var client = await CreateTableAsync();

        Assert.Null(await client.GetEntityIfExistsAsync("nope", "nope"));
    }

    [Fact]
    public async Task GetEntityIfExists_WithSelect_ReturnsOnlySelectedProperties()
    {
        var client = await CreateTableAsync();
        var entity = Entity("p", "r");
        entity["Other"] = 5;
        await client.AddEntityAsync(entity);

        var read = await client.GetEntityIfExistsAsync("p", "r", ["Other"]);

        Assert.NotNull(read);
        Assert.Equal(5, read.GetInt32("Other"));
        Assert.Null(read["Text"]);
    }

    [Fact]
    public async Task UpdateEntity_WithStaleETag_Throws412()
    {
        var client = await CreateTableAsync();
        var original = await client.AddEntityAsync(Entity("p", "r", "v1"));
        var updated = await client.UpdateEntityAsync(Entity("p", "r", "v2"), original);

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => client.UpdateEntityAsync(Entity("p", "r", "v3"), original));

        Assert.NotEqual(original, updated);
        Assert.Equal(412, exception.Status);
        Assert.Equal("UpdateConditionNotSatisfied", exception.ErrorCode);
        Assert.Equal("v2", (await client.GetEntityIfExistsAsync("p", "r"))!.GetString("Text"));
    }

    [Fact]
    public async Task UpdateEntity_ETagAll_UpdatesUnconditionally()
    {
        var client = await CreateTableAsync();
        await client.AddEntityAsync(Entity("p", "r", "v1"));

        await client.UpdateEntityAsync(Entity("p", "r", "v2"), ETag.All);

        Assert.Equal("v2", (await client.GetEntityIfExistsAsync("p", "r"))!.GetString("Text"));
    }

    [Fact]
    public async Task UpdateEntity_Missing_Throws404()
    {
        var client = await CreateTableAsync();

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => client.UpdateEntityAsync(Entity("p", "r"), ETag.All));

        Assert.Equal(404, exception.Status);
        Assert.False(string.IsNullOrEmpty(exception.ErrorCode));
    }

    [Fact]
    public async Task UpdateEntity_Replace_RemovesPropertiesNotSent()
    {
        var client = await CreateTableAsync();
        var entity = Entity("p", "r");
        entity["Extra"] = "kept?";
        var etag = await client.AddEntityAsync(entity);

        await client.UpdateEntityAsync(Entity("p", "r", "replaced"), etag, TableUpdateMode.Replace);

        var read = await client.GetEntityIfExistsAsync("p", "r");
        Assert.Equal("replaced", read!.GetString("Text"));
        Assert.Null(read["Extra"]);
    }

    [Fact]
    public async Task UpdateEntity_Merge_KeepsOtherProperties()
    {
        var client = await CreateTableAsync();
        var entity = Entity("p", "r");
        entity["Extra"] = "kept";
        var etag = await client.AddEntityAsync(entity);

        var newETag = await client.UpdateEntityAsync(Entity("p", "r", "merged"), etag, TableUpdateMode.Merge);

        var read = await client.GetEntityIfExistsAsync("p", "r");
        Assert.Equal("merged", read!.GetString("Text"));
        Assert.Equal("kept", read.GetString("Extra"));
        Assert.Equal(newETag, read.ETag);
    }

    [Fact]
    public async Task UpsertEntity_ReplaceMode_InsertsThenReplaces()
    {
        var client = await CreateTableAsync();
        var first = Entity("p", "r", "v1");
        first["Extra"] = "gone";

        await client.UpsertEntityAsync(first);
        await client.UpsertEntityAsync(Entity("p", "r", "v2"));

        var read = await client.GetEntityIfExistsAsync("p", "r");
        Assert.Equal("v2", read!.GetString("Text"));
        Assert.Null(read["Extra"]);
    }

    [Fact]
    public async Task UpsertEntity_MergeMode_InsertsThenMerges()
    {
        var client = await CreateTableAsync();
        var first = Entity("p", "r", "v1");
        first["Extra"] = "kept";

        await client.UpsertEntityAsync(first, TableUpdateMode.Merge);
        await client.UpsertEntityAsync(Entity("p", "r", "v2"), TableUpdateMode.Merge);

        var read = await client.GetEntityIfExistsAsync("p", "r");
        Assert.Equal("v2", read!.GetString("Text"));
        Assert.Equal("kept", read.GetString("Extra"));
    }

    [Fact]
    public async Task DeleteEntity_ExistingThenMissing_Succeeds()
    {
        var client = await CreateTableAsync();
        var etag = await client.AddEntityAsync(Entity("p", "r"));

        await client.DeleteEntityAsync("p", "r", etag);
        await client.DeleteEntityAsync("p", "r", ETag.All);

        Assert.Null(await client.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task DeleteEntity_StaleETag_Throws412()
    {
        var client = await CreateTableAsync();
        var etag = await client.AddEntityAsync(Entity("p", "r"));
        await client.UpdateEntityAsync(Entity("p", "r", "v2"), etag);

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => client.DeleteEntityAsync("p", "r", etag));

        Assert.Equal(412, exception.Status);
    }

    [Fact]
    public async Task Query_WithFilter_ReturnsOnlyMatches()
    {
        var client = await CreateTableAsync();
        await client.AddEntityAsync(Entity("a'b", "1"));
        await client.AddEntityAsync(Entity("a'b", "2"));
        await client.AddEntityAsync(Entity("other", "1"));

        var results = await client.QueryAsync(TableFilter.Equal("PartitionKey", "a'b")).ToListAsync();

        Assert.Equal(["1", "2"], results.Select(e => e.RowKey).Order());
        Assert.All(results, e => Assert.NotEqual(default, e.ETag));
    }

    [Fact]
    public async Task Query_WithAndFilterAndSelect_ReturnsSelectedProperties()
    {
        var client = await CreateTableAsync();
        var entity = Entity("p", "r");
        entity["Number"] = 7;
        await client.AddEntityAsync(entity);
        await client.AddEntityAsync(Entity("p", "s"));

        var result = Assert.Single(await client.QueryAsync(
            TableFilter.And(TableFilter.Equal("PartitionKey", "p"), TableFilter.Equal("RowKey", "r")),
            select: ["Number"]).ToListAsync());

        Assert.Equal(7, result.GetInt32("Number"));
        Assert.Null(result["Text"]);
    }

    [Fact]
    public async Task Query_MaxPerPageSmallerThanResults_FollowsContinuation()
    {
        var client = await CreateTableAsync();
        for (var i = 0; i < 25; i++)
        {
            await client.AddEntityAsync(Entity(i % 2 == 0 ? "even" : "odd", i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)));
        }

        var all = await client.QueryAsync(maxPerPage: 10).ToListAsync();
        var even = await client.QueryAsync(TableFilter.Equal("PartitionKey", "even"), maxPerPage: 4).ToListAsync();

        Assert.Equal(25, all.Count);
        Assert.Equal(25, all.Select(e => e.PartitionKey + "/" + e.RowKey).Distinct().Count());
        Assert.Equal(13, even.Count);
    }

    [Fact]
    public async Task Query_Cancelled_ThrowsOperationCanceled()
    {
        var client = await CreateTableAsync();
        await client.AddEntityAsync(Entity("p", "r"));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in client.QueryAsync(cancellationToken: cancellation.Token))
            {
            }
        });
    }

    [Fact]
    public async Task AddThenGet_EverySupportedType_RoundTripsExactly()
    {
        var client = await CreateTableAsync();
        var when = new DateTimeOffset(2024, 2, 29, 23, 59, 58, TimeSpan.Zero).AddTicks(1234567);
        var guid = Guid.NewGuid();
        var binary = new byte[] { 0, 1, 2, 254, 255 };
        var entity = new TableEntity("p", "r")
        {
            ["String"] = "unicode é 中文 😀 'quoted' \"dq\" \\ / ? #",
            ["EmptyString"] = string.Empty,
            ["Int32"] = int.MinValue,
            ["Int64"] = (1L << 53) + 1,
            ["Int64Max"] = long.MaxValue,
            ["Double"] = 0.1 + 0.2,
            ["WholeDouble"] = 42.0,
            ["TinyDouble"] = double.Epsilon,
            ["True"] = true,
            ["False"] = false,
            ["Date"] = when,
            ["DateFromOffset"] = new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.FromHours(2)),
            ["UtcDateTime"] = new DateTime(2023, 5, 6, 7, 8, 9, DateTimeKind.Utc),
            ["Binary"] = binary,
            ["BinaryData"] = new BinaryData(new byte[] { 9, 8, 7 }),
            ["Guid"] = guid,
            ["Null"] = null,
        };

        await client.AddEntityAsync(entity);
        var read = await client.GetEntityIfExistsAsync("p", "r");

        Assert.NotNull(read);
        Assert.Equal(entity["String"], read.GetString("String"));
        Assert.Equal(string.Empty, read.GetString("EmptyString"));
        Assert.Equal(int.MinValue, read.GetInt32("Int32"));
        Assert.Equal((1L << 53) + 1, read.GetInt64("Int64"));
        Assert.Equal(long.MaxValue, read.GetInt64("Int64Max"));
        Assert.Null(read.GetInt32("Int64"));
        Assert.Equal(0.1 + 0.2, read.GetDouble("Double"));
        Assert.Equal(42.0, read.GetDouble("WholeDouble"));
        Assert.IsType<double>(read["WholeDouble"]);
        Assert.Equal(double.Epsilon, read.GetDouble("TinyDouble"));
        Assert.True(read.GetBoolean("True"));
        Assert.False(read.GetBoolean("False"));
        Assert.Equal(when, read.GetDateTimeOffset("Date"));
        Assert.Equal(when.Ticks, read.GetDateTimeOffset("Date")!.Value.UtcTicks);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero), read.GetDateTimeOffset("DateFromOffset"));
        Assert.Equal(new DateTimeOffset(2023, 5, 6, 7, 8, 9, TimeSpan.Zero), read.GetDateTimeOffset("UtcDateTime"));
        Assert.Equal(binary, read.GetBinary("Binary"));
        Assert.Equal(new byte[] { 9, 8, 7 }, read.GetBinary("BinaryData"));
        Assert.Equal(guid, read.GetGuid("Guid"));
        Assert.Null(read["Null"]);
        Assert.DoesNotContain(read.Properties, p => p.Key == "Null");
        Assert.Null(read.GetString("Int32"));
        Assert.Null(read.GetGuid("String"));
    }

    [Fact]
    public async Task AddThenGetAndQuery_KeysWithEscapedCharacters_RoundTrip()
    {
        var client = await CreateTableAsync();
        var rawPartition = "tenant/a\\b#c?d%e 'q' é😀";
        var rawRow = "https://example.com/x?y=1#z\t\u0001";
        var partitionKey = TableKey.Encode(rawPartition);
        var rowKey = TableKey.Encode(rawRow);

        await client.AddEntityAsync(Entity(partitionKey, rowKey, "escaped"));
        var read = await client.GetEntityIfExistsAsync(partitionKey, rowKey);
        var queried = Assert.Single(await client.QueryAsync(TableFilter.Equal("PartitionKey", partitionKey)).ToListAsync());
        await client.UpdateEntityAsync(Entity(partitionKey, rowKey, "updated"), read!.ETag);
        await client.DeleteEntityAsync(partitionKey, rowKey, ETag.All);

        Assert.Equal(rawPartition, TableKey.Decode(read.PartitionKey));
        Assert.Equal(rawRow, TableKey.Decode(read.RowKey));
        Assert.Equal(rowKey, queried.RowKey);
        Assert.Null(await client.GetEntityIfExistsAsync(partitionKey, rowKey));
    }

    [Fact]
    public async Task AddEntity_MissingTable_Throws404WithErrorCode()
    {
        var client = new StorageTableClient(_azurite.Account, _azurite.UniqueName("missing"));

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => client.AddEntityAsync(Entity("p", "r")));

        Assert.Equal(404, exception.Status);
        Assert.Equal("TableNotFound", exception.ErrorCode);
        Assert.Contains(client.Name, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteIfExists_ExistingAndMissingTable_Succeeds()
    {
        var client = await CreateTableAsync();

        await client.DeleteIfExistsAsync();
        await client.DeleteIfExistsAsync();

        await Assert.ThrowsAsync<RequestFailedException>(() => client.AddEntityAsync(Entity("p", "r")));
    }

    [Fact]
    public async Task AnyOperation_WrongAccountKey_Throws403WithoutKeyInMessage()
    {
        const string wrongKey = "d3JvbmctYWNjb3VudC1rZXktZm9yLXRlc3RpbmctMDEyMzQ1Njc4OWFiY2RlZg==";
        var connectionString = _azurite.ConnectionString.Replace(AzuriteFixture.AccountKey, wrongKey, StringComparison.Ordinal);
        var client = new StorageTableClient(
            StorageAccount.Parse(connectionString),
            _azurite.UniqueName("forbidden"),
            new StorageTableClientOptions { Retry = { MaxRetries = 0 } });

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => client.CreateIfNotExistsAsync());

        Assert.Equal(403, exception.Status);

        // Azure says AuthenticationFailed for a bad signature; Azurite's table service says AuthorizationFailure.
        Assert.Contains(exception.ErrorCode, new[] { "AuthenticationFailed", "AuthorizationFailure" });
        Assert.DoesNotContain(wrongKey, exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteFixture.AccountKey, exception.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1starts")]
    [InlineData("has-hyphen")]
    [InlineData("tables")]
    public void Constructor_InvalidTableName_ThrowsArgumentException(string name)
    {
        Assert.Throws<ArgumentException>(() => new StorageTableClient(_azurite.Account, name));
    }

    [Fact]
    public void Indexer_ReservedNameOrUnsupportedType_ThrowsArgumentException()
    {
        var entity = new TableEntity("p", "r");

        Assert.Throws<ArgumentException>(() => entity["PartitionKey"] = "x");
        Assert.Throws<ArgumentException>(() => entity["Value"] = 1.5m);
        Assert.Throws<ArgumentException>(() => entity["Local"] = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Local));
    }
}
