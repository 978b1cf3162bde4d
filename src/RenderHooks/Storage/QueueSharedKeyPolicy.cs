using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RenderHooks.Storage;

/// <summary>
/// Signs requests with the full Shared Key scheme used by the Blob and Queue services: canonicalized <c>x-ms-</c>
/// headers and every query parameter are part of the string-to-sign.
/// </summary>
internal sealed class QueueSharedKeyPolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageSharedKeyCredential _credential;
    private readonly TimeProvider _timeProvider;

    public QueueSharedKeyPolicy(StorageSharedKeyCredential credential, TimeProvider timeProvider)
    {
        _credential = credential;
        _timeProvider = timeProvider;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        StorageRequestHeaders.SetDate(request, _timeProvider);
        var stringToSign = BuildStringToSign(request, _credential.AccountName);
        var signature = _credential.ComputeSignature(stringToSign);
        request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKey {_credential.AccountName}:{signature}");
    }

    internal static string BuildStringToSign(Request request, string accountName)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method.Method.ToUpperInvariant()).Append('\n');
        builder.Append(StorageRequestHeaders.Get(request, "Content-Encoding")).Append('\n');
        builder.Append(StorageRequestHeaders.Get(request, "Content-Language")).Append('\n');
        builder.Append(StorageRequestHeaders.ContentLength(request)).Append('\n');
        builder.Append(StorageRequestHeaders.Get(request, "Content-MD5")).Append('\n');
        builder.Append(StorageRequestHeaders.Get(request, "Content-Type")).Append('\n');
        builder.Append('\n'); // Date: empty because x-ms-date is set.
        builder.Append(StorageRequestHeaders.Get(request, "If-Modified-Since")).Append('\n');
        builder.Append(StorageRequestHeaders.Get(request, "If-Match")).Append('\n');
        builder.Append(StorageRequestHeaders.Get(request, "If-None-Match")).Append('\n');
        builder.Append(StorageRequestHeaders.Get(request, "If-Unmodified-Since")).Append('\n');
        builder.Append(StorageRequestHeaders.Get(request, "Range")).Append('\n');
        AppendCanonicalizedHeaders(builder, request);
        AppendCanonicalizedResource(builder, request.Uri.ToUri(), accountName);
        return builder.ToString();
    }

    private static void AppendCanonicalizedHeaders(StringBuilder builder, Request request)
    {
        var headers = request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    private static void AppendCanonicalizedResource(StringBuilder builder, Uri uri, string accountName)
    {
        builder.Append('/').Append(accountName);
        builder.Append(uri.AbsolutePath.Length > 0 ? uri.AbsolutePath : "/");

        var query = uri.Query;
        if (query.Length <= 1)
        {
            return;
        }

        var parameters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!parameters.TryGetValue(name, out var values))
            {
                values = [];
                parameters[name] = values;
            }

            values.Add(value);
        }

        foreach (var (name, values) in parameters)
        {
            values.Sort(StringComparer.Ordinal);
            builder.Append('\n').Append(name).Append(':').AppendJoin(',', values);
        }
    }
}
