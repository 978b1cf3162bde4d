using Azure;
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
            _ = new StorageQueueClient(_azurite.Account, name);
            _ = new StorageTableClient(_azurite.Account, name);
        });
    }

    [Fact]
    public async Task StopThenStart_SamePorts_ServesAgainWithStateLost()
    {
        var options = new StorageQueueClientOptions { Retry = { MaxRetries = 0 } };
        var client = new StorageQueueClient(_azurite.Account, _azurite.UniqueName("restart"), options);
        await client.CreateIfNotExistsAsync();
        var queuePort = _azurite.QueuePort;

        await _azurite.StopAsync();
        var down = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetApproximateMessageCountAsync());
        await _azurite.StartAsync();

        Assert.Equal(0, down.Status);
        Assert.Equal(queuePort, _azurite.QueuePort);
        var lost = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetApproximateMessageCountAsync());
        Assert.Equal(404, lost.Status);
        await client.CreateIfNotExistsAsync();
        Assert.Equal(0, await client.GetApproximateMessageCountAsync());
    }
}
