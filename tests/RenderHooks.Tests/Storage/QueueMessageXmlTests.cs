using System.Text;
using System.Xml;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Storage;

/// <summary>What Azure itself sends and Azurite does not: Azure puts a UTF-8 byte order mark before its XML.</summary>
public sealed class QueueMessageXmlTests
{
    private const string Body =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessagesList><QueueMessage><MessageId>m-1</MessageId>" +
        "<InsertionTime>Mon, 23 Nov 2026 10:00:00 GMT</InsertionTime><ExpirationTime>Fri, 31 Dec 9999 23:59:59 GMT</ExpirationTime>" +
        "<PopReceipt>AgAAAAMAAAAAAAAA</PopReceipt><TimeNextVisible>Mon, 23 Nov 2026 10:00:30 GMT</TimeNextVisible>" +
        "<DequeueCount>3</DequeueCount><MessageText>aGVsbG8=</MessageText></QueueMessage></QueueMessagesList>";

    [Fact]
    public void ParseList_BodyWithByteOrderMark_ReadsTheMessage()
    {
        var withBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Body)).ToArray();

        var item = Assert.Single(QueueMessageXml.ParseList(BinaryData.FromBytes(withBom)));

        Assert.Equal("m-1", item.MessageId);
        Assert.Equal("AgAAAAMAAAAAAAAA", item.PopReceipt);
        Assert.Equal(3, item.DequeueCount);
        Assert.Equal("aGVsbG8=", item.MessageText);
    }

    [Fact]
    public void ParseList_BodyWithoutByteOrderMark_ReadsTheMessage() =>
        Assert.Equal("m-1", Assert.Single(QueueMessageXml.ParseList(BinaryData.FromString(Body))).MessageId);

    [Fact]
    public void ParseList_NotXml_ThrowsXmlException() =>
        Assert.ThrowsAny<XmlException>(() => QueueMessageXml.ParseList(BinaryData.FromString("<html>proxy error")));
}
