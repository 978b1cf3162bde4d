using Azure.Identity;
using Microsoft.Extensions.Configuration;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Storage;

public sealed class StorageAccountTests
{
    private const string Key = "c2VjcmV0LWtleS1ieXRlcy1mb3ItdGVzdGluZy0xMjM0NTY3ODkwYWJjZGVm";

    private const string Sas = "sv=2026-06-06&ss=qt&srt=sco&sp=rwdlacup&se=2030-01-01T00%3A00%3A00Z&sig=c2lnbmF0dXJlLWZvci10ZXN0aW5n";

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    [Fact]
    public void Parse_DevelopmentStorage_UsesAzuriteDefaults()
    {
        var account = StorageAccount.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", account.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), account.BlobServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), account.QueueServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), account.TableServiceUri);
        Assert.True(account.UsesSharedKey);
        Assert.NotNull(account.SharedKeyCredential);
        Assert.Null(account.TokenCredential);
    }

    [Fact]
    public void Parse_DevelopmentStorageWithProxy_UsesProxyHost()
    {
        var account = StorageAccount.Parse("usedevelopmentstorage=TRUE;DevelopmentStorageProxyUri=http://azurite.local");

        Assert.Equal(new Uri("http://azurite.local:10001/devstoreaccount1"), account.QueueServiceUri);
        Assert.Equal(new Uri("http://azurite.local:10002/devstoreaccount1"), account.TableServiceUri);
    }

    [Fact]
    public void Parse_AccountNameAndKey_BuildsDefaultEndpoints()
    {
        var account = StorageAccount.Parse($"DefaultEndpointsProtocol=https;AccountName=myacct;AccountKey={Key};EndpointSuffix=core.windows.net");

        Assert.Equal("myacct", account.AccountName);
        Assert.Equal(new Uri("https://myacct.queue.core.windows.net/"), account.QueueServiceUri);
        Assert.Equal(new Uri("https://myacct.table.core.windows.net/"), account.TableServiceUri);
        Assert.Equal(new Uri("https://myacct.blob.core.windows.net/"), account.BlobServiceUri);
        Assert.True(account.UsesSharedKey);
    }

    [Fact]
    public void Parse_NoSuffixOrProtocol_DefaultsToHttpsCoreWindowsNet()
    {
        var account = StorageAccount.Parse($"AccountName=myacct;AccountKey={Key}");

        Assert.Equal(new Uri("https://myacct.queue.core.windows.net/"), account.QueueServiceUri);
    }

    [Fact]
    public void Parse_SovereignSuffixAndHttp_UsesThem()
    {
        var account = StorageAccount.Parse($"defaultendpointsprotocol=http;accountname=myacct;accountkey={Key};endpointsuffix=core.chinacloudapi.cn");

        Assert.Equal(new Uri("http://myacct.table.core.chinacloudapi.cn/"), account.TableServiceUri);
    }

    [Fact]
    public void Parse_ExplicitEndpoints_WinOverDefaults()
    {
        var account = StorageAccount.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
            "QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1;TableEndpoint=http://127.0.0.1:41002/devstoreaccount1;BlobEndpoint=http://127.0.0.1:41000/devstoreaccount1");

        Assert.Equal(new Uri("http://127.0.0.1:41001/devstoreaccount1"), account.QueueServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:41002/devstoreaccount1"), account.TableServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:41000/devstoreaccount1"), account.BlobServiceUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("AccountName=myacct")]
    [InlineData("AccountKey=" + Key)]
    [InlineData("AccountName=myacct;AccountKey=not*base64!" + Key)]
    [InlineData("AccountName=myacct;AccountKey=" + Key + ";QueueEndpoint=not a uri")]
    [InlineData("AccountName=myacct;AccountKey=" + Key + ";DefaultEndpointsProtocol=ftp")]
    [InlineData("UseDevelopmentStorage=false")]
    [InlineData("AccountName=a;AccountName=b;AccountKey=" + Key)]
    [InlineData(Key + ";AccountName=myacct")]
    public void Parse_InvalidString_ThrowsFormatExceptionWithoutKey(string connectionString)
    {
        var exception = Assert.Throws<FormatException>(() => StorageAccount.Parse(connectionString));

        Assert.False(string.IsNullOrWhiteSpace(exception.Message));
        Assert.DoesNotContain(Key, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SharedAccessSignatureWithEndpoints_UsesTheSignature()
    {
        var account = StorageAccount.Parse(
            $"QueueEndpoint=https://myacct.queue.core.windows.net/;TableEndpoint=https://myacct.table.core.windows.net/;SharedAccessSignature=?{Sas}");

        Assert.True(account.UsesSas);
        Assert.False(account.UsesSharedKey);
        Assert.Equal("myacct", account.AccountName);
        Assert.Equal(new Uri("https://myacct.queue.core.windows.net/"), account.QueueServiceUri);
        Assert.Equal(Sas, account.SasCredential!.Signature);
        Assert.Null(account.TokenCredential);
    }

    [Fact]
    public void Parse_SharedAccessSignatureWithAccountName_BuildsDefaultEndpoints()
    {
        var account = StorageAccount.Parse($"AccountName=myacct;SharedAccessSignature={Sas}");

        Assert.True(account.UsesSas);
        Assert.Equal(new Uri("https://myacct.table.core.windows.net/"), account.TableServiceUri);
    }

    [Theory]
    [InlineData("SharedAccessSignature=" + Sas)]
    [InlineData("QueueEndpoint=https://q.example.net/;SharedAccessSignature=" + Sas)]
    [InlineData("AccountName=myacct;AccountKey=" + Key + ";SharedAccessSignature=" + Sas)]
    public void Parse_UnusableSharedAccessSignatureString_ThrowsFormatExceptionWithoutTheSignature(string connectionString)
    {
        var exception = Assert.Throws<FormatException>(() => StorageAccount.Parse(connectionString));

        Assert.DoesNotContain("sig=", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_SasAccount_DoesNotRevealTheSignature()
    {
        var text = StorageAccount.Parse($"AccountName=myacct;SharedAccessSignature={Sas}").ToString();

        Assert.Contains("SharedAccessSignature", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_SharedKeyAccount_DoesNotRevealKey()
    {
        var account = StorageAccount.Parse($"AccountName=myacct;AccountKey={Key}");

        var text = account.ToString();

        Assert.Contains("myacct", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, account.SharedKeyCredential!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_ConnectionString_ParsesIt()
    {
        var account = StorageAccount.FromConfiguration(Configuration(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("devstoreaccount1", account.AccountName);
        Assert.True(account.UsesSharedKey);
    }

    [Fact]
    public void FromConfiguration_CustomConnectionName_ReadsThatSetting()
    {
        var account = StorageAccount.FromConfiguration(
            Configuration(("Other", $"AccountName=otheracct;AccountKey={Key}")), "Other");

        Assert.Equal("otheracct", account.AccountName);
    }

    [Fact]
    public void FromConfiguration_AccountName_UsesDefaultAzureCredentialAndPublicEndpoints()
    {
        var account = StorageAccount.FromConfiguration(Configuration(("AzureWebJobsStorage:accountName", "myacct")));

        Assert.False(account.UsesSharedKey);
        Assert.Equal("myacct", account.AccountName);
        Assert.Equal(new Uri("https://myacct.queue.core.windows.net/"), account.QueueServiceUri);
        Assert.Equal(new Uri("https://myacct.table.core.windows.net/"), account.TableServiceUri);
        Assert.Equal(new Uri("https://myacct.blob.core.windows.net/"), account.BlobServiceUri);
        Assert.IsType<DefaultAzureCredential>(account.TokenCredential);
    }

    [Fact]
    public void FromConfiguration_EnvironmentVariableStyleKeys_AreRead()
    {
        // AzureWebJobsStorage__accountName becomes AzureWebJobsStorage:accountName in configuration.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("AzureWebJobsStorage:ACCOUNTNAME", "myacct")])
            .Build();

        var account = StorageAccount.FromConfiguration(configuration);

        Assert.Equal(new Uri("https://myacct.queue.core.windows.net/"), account.QueueServiceUri);
    }

    [Fact]
    public void FromConfiguration_ManagedIdentityWithClientId_UsesManagedIdentityCredential()
    {
        var account = StorageAccount.FromConfiguration(Configuration(
            ("AzureWebJobsStorage:accountName", "myacct"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.IsType<ManagedIdentityCredential>(account.TokenCredential);
        Assert.False(account.UsesSharedKey);
    }

    [Fact]
    public void FromConfiguration_ManagedIdentityWithoutClientId_UsesManagedIdentityCredential()
    {
        var account = StorageAccount.FromConfiguration(Configuration(
            ("AzureWebJobsStorage:accountName", "myacct"),
            ("AzureWebJobsStorage:credential", "ManagedIdentity")));

        Assert.IsType<ManagedIdentityCredential>(account.TokenCredential);
    }

    [Fact]
    public void FromConfiguration_ClientIdWithoutCredential_UsesDefaultAzureCredential()
    {
        var account = StorageAccount.FromConfiguration(Configuration(
            ("AzureWebJobsStorage:accountName", "myacct"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.IsType<DefaultAzureCredential>(account.TokenCredential);
    }

    [Fact]
    public void FromConfiguration_ServiceUris_AreUsed()
    {
        var account = StorageAccount.FromConfiguration(Configuration(
            ("AzureWebJobsStorage:queueServiceUri", "https://q.example.net/"),
            ("AzureWebJobsStorage:tableServiceUri", "https://t.example.net/"),
            ("AzureWebJobsStorage:blobServiceUri", "https://b.example.net/")));

        Assert.Equal(new Uri("https://q.example.net/"), account.QueueServiceUri);
        Assert.Equal(new Uri("https://t.example.net/"), account.TableServiceUri);
        Assert.Equal(new Uri("https://b.example.net/"), account.BlobServiceUri);
        Assert.False(account.UsesSharedKey);
    }

    [Fact]
    public void FromConfiguration_ServiceUriOverridesAccountNameDefault()
    {
        var account = StorageAccount.FromConfiguration(Configuration(
            ("AzureWebJobsStorage:accountName", "myacct"),
            ("AzureWebJobsStorage:queueServiceUri", "https://q.example.net/")));

        Assert.Equal(new Uri("https://q.example.net/"), account.QueueServiceUri);
        Assert.Equal(new Uri("https://myacct.table.core.windows.net/"), account.TableServiceUri);
    }

    [Theory]
    [InlineData("queueServiceUri")]
    [InlineData("tableServiceUri")]
    public void FromConfiguration_IdentityBasedHttpUri_ThrowsNamingTheSettingAndTls(string key)
    {
        var settings = new Dictionary<string, string>
        {
            ["queueServiceUri"] = "https://q.example.net/",
            ["tableServiceUri"] = "https://t.example.net/",
        };
        settings[key] = "http://127.0.0.1:10001/devstoreaccount1";

        var exception = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(Configuration(
            [.. settings.Select(p => ("AzureWebJobsStorage:" + p.Key, (string?)p.Value))])));

        Assert.Contains("AzureWebJobsStorage__" + key, exception.Message, StringComparison.Ordinal);
        Assert.Contains("https", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_NothingConfigured_ThrowsNamingTheSetting()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(Configuration()));

        Assert.Contains("AzureWebJobsStorage", exception.Message, StringComparison.Ordinal);
        Assert.Contains("accountName", exception.Message, StringComparison.Ordinal);
        Assert.Contains("UseDevelopmentStorage", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_OnlyQueueUri_ThrowsNamingTheSetting()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(
            Configuration(("AzureWebJobsStorage:queueServiceUri", "https://q.example.net/"))));

        Assert.Contains("tableServiceUri", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_InvalidConnectionString_ThrowsFormatExceptionWithoutKey()
    {
        var exception = Assert.Throws<FormatException>(() => StorageAccount.FromConfiguration(
            Configuration(("AzureWebJobsStorage", $"AccountKey={Key}"))));

        Assert.DoesNotContain(Key, exception.Message, StringComparison.Ordinal);
    }
}
