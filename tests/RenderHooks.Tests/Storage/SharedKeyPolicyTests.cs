using Azure.Core;
using Azure.Core.Pipeline;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Storage;

/// <summary>String-to-sign shapes; the Azurite tests prove the signatures are accepted.</summary>
public sealed class SharedKeyPolicyTests
{
    private static Request CreateRequest(RequestMethod method, string uri)
    {
        var request = HttpPipelineBuilder.Build(new StorageClientOptions()).CreateRequest();
        request.Method = method;
        request.Uri.Reset(new Uri(uri));
        return request;
    }

    [Fact]
    public void QueueStringToSign_PathStyleWithQuery_CanonicalizesHeadersAndAllParameters()
    {
        var request = CreateRequest(RequestMethod.Get, "http://127.0.0.1:10001/devstoreaccount1/myqueue/messages?VisibilityTimeout=30&numofmessages=2&popreceipt=a%2Bb%3D");
        request.Headers.SetValue("x-ms-version", "2024-11-04");
        request.Headers.SetValue("x-ms-date", "Mon, 01 Jan 2024 00:00:00 GMT");
        request.Headers.SetValue("Content-Type", "application/xml");

        var stringToSign = QueueSharedKeyPolicy.BuildStringToSign(request, "devstoreaccount1");

        Assert.Equal(
            "GET\n\n\n\n\napplication/xml\n\n\n\n\n\n\n" +
            "x-ms-date:Mon, 01 Jan 2024 00:00:00 GMT\nx-ms-version:2024-11-04\n" +
            "/devstoreaccount1/devstoreaccount1/myqueue/messages\nnumofmessages:2\npopreceipt:a+b=\nvisibilitytimeout:30",
            stringToSign);
    }

    [Fact]
    public void QueueStringToSign_WithBody_IncludesContentLength()
    {
        var request = CreateRequest(RequestMethod.Post, "https://acct.queue.core.windows.net/q/messages");
        request.Content = RequestContent.Create(new byte[12]);

        var stringToSign = QueueSharedKeyPolicy.BuildStringToSign(request, "acct");

        Assert.StartsWith("POST\n\n\n12\n", stringToSign, StringComparison.Ordinal);
        Assert.EndsWith("\n/acct/q/messages", stringToSign, StringComparison.Ordinal);
    }

    [Fact]
    public void TableStringToSign_KeepsOnlyCompParameter()
    {
        var request = CreateRequest(RequestMethod.Get, "https://acct.table.core.windows.net/mytable()?$filter=PartitionKey%20eq%20'a'&comp=acl&$top=5");
        request.Headers.SetValue("Content-Type", "application/json");

        var stringToSign = TableSharedKeyPolicy.BuildStringToSign(request, "acct", "Mon, 01 Jan 2024 00:00:00 GMT");

        Assert.Equal("GET\n\napplication/json\nMon, 01 Jan 2024 00:00:00 GMT\n/acct/mytable()?comp=acl", stringToSign);
    }

    [Fact]
    public void TableStringToSign_PathStyleEntity_KeepsPathEscaped()
    {
        var request = CreateRequest(RequestMethod.Put, "http://127.0.0.1:10002/devstoreaccount1/t1(PartitionKey='a%20b',RowKey='%25')");

        var stringToSign = TableSharedKeyPolicy.BuildStringToSign(request, "devstoreaccount1", "d");

        Assert.Equal("PUT\n\n\nd\n/devstoreaccount1/devstoreaccount1/t1(PartitionKey='a%20b',RowKey='%25')", stringToSign);
    }
}
