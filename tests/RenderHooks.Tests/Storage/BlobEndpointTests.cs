using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Storage;

/// <summary>
/// The payloads container's client is made from the same account and credential as the queues and tables, in every
/// form <c>AzureWebJobsStorage</c> takes; a form that gives no blob endpoint is refused naming the setting to add.
/// </summary>
public sealed class BlobEndpointTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string Sas = "sv=2026-06-06&ss=bqt&srt=sco&sp=rwdlacup&se=2030-01-01T00%3A00%3A00Z&sig=c2lnbmF0dXJlLWZvci10ZXN0aW5n";

    public static TheoryData<string, string> ConnectionStrings() => new()
    {
        { "UseDevelopmentStorage=true", "http://127.0.0.1:10000/devstoreaccount1" },
        { $"DefaultEndpointsProtocol=https;AccountName=myacct;AccountKey={Key}", "https://myacct.blob.core.windows.net/" },
        { $"DefaultEndpointsProtocol=https;AccountName=myacct;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn", "https://myacct.blob.core.chinacloudapi.cn/" },
        { $"AccountName=myacct;SharedAccessSignature={Sas}", "https://myacct.blob.core.windows.net/" },
        { $"QueueEndpoint=https://q.example.net/;TableEndpoint=https://t.example.net/;BlobEndpoint=https://b.example.net/;SharedAccessSignature={Sas}", "https://b.example.net/" },
    };

    [Theory]
    [MemberData(nameof(ConnectionStrings))]
    public void CreateBlobServiceClient_ConnectionString_OnTheBlobEndpointWithTheAccountsCredential(string connectionString, string endpoint)
    {
        var account = StorageAccount.Parse(connectionString);

        var client = account.CreateBlobServiceClient(new BlobClientOptions());

        Assert.Equal(new Uri(endpoint).AbsoluteUri.TrimEnd('/'), client.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal(account.UsesSharedKey, client.CanGenerateAccountSasUri);
    }

    [Theory]
    [InlineData("accountName", "myacct", "https://myacct.blob.core.windows.net/")]
    [InlineData("blobServiceUri", "https://b.example.net/", "https://b.example.net/")]
    public void CreateBlobServiceClient_IdentityBased_OnTheBlobEndpoint(string key, string value, string endpoint)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:queueServiceUri"] = "https://q.example.net/",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://t.example.net/",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            [$"AzureWebJobsStorage:{key}"] = value,
        };
        var account = StorageAccount.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        var client = account.CreateBlobServiceClient(new BlobClientOptions());

        Assert.Equal(new Uri(endpoint), client.Uri);
    }

    [Fact]
    public void CreateBlobServiceClient_IdentityBasedWithQueueAndTableUrisOnly_RefusedNamingBlobServiceUri()
    {
        var account = StorageAccount.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:queueServiceUri"] = "https://q.example.net/",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://t.example.net/",
        }).Build());

        var error = Assert.Throws<InvalidOperationException>(() => account.CreateBlobServiceClient(new BlobClientOptions()));

        Assert.Contains("'AzureWebJobsStorage__blobServiceUri'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBlobServiceClient_SasWithQueueAndTableEndpointsOnly_RefusedNamingBlobEndpointWithoutTheSignature()
    {
        var account = StorageAccount.Parse($"QueueEndpoint=https://q.example.net/;TableEndpoint=https://t.example.net/;SharedAccessSignature={Sas}");

        var error = Assert.Throws<InvalidOperationException>(() => account.CreateBlobServiceClient(new BlobClientOptions()));

        Assert.Contains("'BlobEndpoint=", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", error.Message, StringComparison.Ordinal);
    }
}
