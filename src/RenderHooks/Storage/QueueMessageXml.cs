using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace RenderHooks.Storage;

/// <summary>The queue service's XML: the put-message body and the message lists it returns.</summary>
internal static class QueueMessageXml
{
    /// <summary>One <c>QueueMessage</c> element of a response, with its text still encoded.</summary>
    internal sealed record Item(
        string MessageId,
        string? PopReceipt,
        string? MessageText,
        long DequeueCount,
        DateTimeOffset? InsertedOn,
        DateTimeOffset? ExpiresOn,
        DateTimeOffset? NextVisibleOn);

    /// <summary><c>&lt;QueueMessage&gt;&lt;MessageText&gt;…&lt;/MessageText&gt;&lt;/QueueMessage&gt;</c>, XML-escaped.</summary>
    /// <exception cref="ArgumentException">The text holds characters XML cannot carry.</exception>
    public static byte[] BuildPutBody(string messageText)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            OmitXmlDeclaration = false,
            CheckCharacters = true,
            NewLineHandling = NewLineHandling.Entitize,
        };
        using var stream = new MemoryStream();
        try
        {
            using (var writer = XmlWriter.Create(stream, settings))
            {
                writer.WriteStartElement("QueueMessage");
                writer.WriteElementString("MessageText", messageText);
                writer.WriteEndElement();
            }
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException(
                "The message text contains characters that cannot be sent as XML; use QueueMessageEncoding.Base64.", "message", exception);
        }

        return stream.ToArray();
    }

    /// <summary>Reads a list of messages. Parses bytes, not text, so the byte order mark Azure puts before its XML is honoured.</summary>
    /// <exception cref="XmlException">The body is not XML.</exception>
    public static IReadOnlyList<Item> ParseList(BinaryData content)
    {
        using var stream = content.ToStream();
        var root = XDocument.Load(stream).Root;
        if (root is null)
        {
            return [];
        }

        var items = new List<Item>();
        foreach (var element in root.Elements().Where(e => e.Name.LocalName == "QueueMessage"))
        {
            items.Add(new Item(
                Value(element, "MessageId") ?? string.Empty,
                Value(element, "PopReceipt"),
                Value(element, "MessageText"),
                long.TryParse(Value(element, "DequeueCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0,
                Date(Value(element, "InsertionTime")),
                Date(Value(element, "ExpirationTime")),
                Date(Value(element, "TimeNextVisible"))));
        }

        return items;
    }

    public static DateTimeOffset? Date(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var rfc1123))
        {
            return rfc1123;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var other) ? other : null;
    }

    private static string? Value(XElement parent, string name) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}
