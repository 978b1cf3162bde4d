using System.ComponentModel.DataAnnotations;
using Azure;
using Azure.Storage.Queues;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Infrastructure;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteFixtureTests
{
    private readonly AzuriteFixture _azurite;

    public AzuriteFixtureTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public void UniqueName_ManyCalls_AreDistinctValidQueueAndTableNames()
    {
        var names = Enumerable.Range(0, 200).Select(_ => _azurite.UniqueName("Some-Long_Prefix-That-Is-Way-Too-Long-For-Names")).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, name =>
        {
            Assert.InRange(name.Length, 3, 40);
            Assert.True(char.IsAsciiLetterLower(name[0]));
            Assert.All(name, c => Assert.True(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)));
        });

        // Valid as the pipeline's names: the options' validation accepts them as a queue (with its -poison) and a table.
        var options = new StorageNamesOptions { DeliveriesQueue = names[0], EventsQueue = names[1], JobsTable = names[2], DeliveriesTable = names[3] };
        var results = new List<ValidationResult>();
        Assert.True(Validator.TryValidateObject(options, new(options), results, validateAllProperties: true), string.Join("; ", results));
    }

    [Fact]
    public async Task StopThenStart_SamePorts_ServesAgainWithStateLost()
    {
        var client = _azurite.Account.CreateQueueServiceClient(new QueueClientOptions(StorageClientDefaults.QueueServiceVersion) { Retry = { MaxRetries = 0 } })
            .GetQueueClient(_azurite.UniqueName("restart"));
        await client.CreateIfNotExistsAsync();
        var queuePort = _azurite.QueuePort;

        await _azurite.StopAsync();
        var down = await Assert.ThrowsAsync<RequestFailedException>(() => client.CountAsync());
        await _azurite.StartAsync();

        Assert.Equal(0, down.Status);
        Assert.Equal(queuePort, _azurite.QueuePort);
        var lost = await Assert.ThrowsAsync<RequestFailedException>(() => client.CountAsync());
        Assert.Equal(404, lost.Status);
        await client.CreateIfNotExistsAsync();
        Assert.Equal(0, await client.CountAsync());
    }
}
