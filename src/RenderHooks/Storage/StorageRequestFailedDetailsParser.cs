using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace RenderHooks.Storage;

/// <summary>
/// Reads storage error details: XML <c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;</c> (queues), JSON
/// <c>{"odata.error":{"code","message":{"value"}}}</c> or <c>{"error":{...}}</c> (tables), falling back to the
/// <c>x-ms-error-code</c> header.
/// </summary>
internal sealed class StorageRequestFailedDetailsParser : RequestFailedDetailsParser
{
    private const string ErrorCodeHeader = "x-ms-error-code";

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        response.Headers.TryGetValue(ErrorCodeHeader, out var headerCode);
        string? code = null;
        string? message = null;

        var content = response.Content;
        if (content is not null && content.ToMemory().Length > 0)
        {
            var text = content.ToString().TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
            if (text.StartsWith('<'))
            {
                (code, message) = ParseXml(text);
            }
            else if (text.StartsWith('{'))
            {
                (code, message) = ParseJson(text);
            }
        }

        code ??= headerCode;
        if (code is null && message is null)
        {
            error = null;
            return false;
        }

        error = new ResponseError(code, message);
        return true;
    }

    private static (string? Code, string? Message) ParseXml(string text)
    {
        try
        {
            var root = XDocument.Parse(text).Root;
            if (root is null)
            {
                return (null, null);
            }

            var code = root.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
            var message = root.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
            return (code, message?.Split('\n')[0].Trim());
        }
        catch (XmlException)
        {
            return (null, null);
        }
    }

    private static (string? Code, string? Message) ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            if (!root.TryGetProperty("odata.error", out var error) && !root.TryGetProperty("error", out error))
            {
                return (null, null);
            }

            string? code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            string? message = null;
            if (error.TryGetProperty("message", out var m))
            {
                message = m.ValueKind switch
                {
                    JsonValueKind.String => m.GetString(),
                    JsonValueKind.Object when m.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String => v.GetString(),
                    _ => null,
                };
            }

            return (code, message?.Split('\n')[0].Trim());
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
