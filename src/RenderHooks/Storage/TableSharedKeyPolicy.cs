using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RenderHooks.Storage;

/// <summary>
/// Signs requests with the Table service's Shared Key scheme: VERB, Content-MD5, Content-Type, Date (the
/// <c>x-ms-date</c> value) and the canonicalized resource, which keeps only the <c>comp</c> query parameter.
/// </summary>
internal sealed class TableSharedKeyPolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageSharedKeyCredential _credential;
    private readonly TimeProvider _timeProvider;

    public TableSharedKeyPolicy(StorageSharedKeyCredential credential, TimeProvider timeProvider)
    {
        _credential = credential;
        _timeProvider = timeProvider;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = StorageRequestHeaders.SetDate(request, _timeProvider);
        var stringToSign = BuildStringToSign(request, _credential.AccountName, date);
        var signature = _credential.ComputeSignature(stringToSign);
        request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKey {_credential.AccountName}:{signature}");
    }

    internal static string BuildStringToSign(Request request, string accountName, string date)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method.Method.ToUpperInvariant()).Append('\n');
        builder.Append(StorageRequestHeaders.Get(request, "Content-MD5")).Append('\n');
        builder.Append(StorageRequestHeaders.Get(request, "Content-Type")).Append('\n');
        builder.Append(date).Append('\n');

        var uri = request.Uri.ToUri();
        builder.Append('/').Append(accountName);
        builder.Append(uri.AbsolutePath.Length > 0 ? uri.AbsolutePath : "/");
        if (uri.Query.Length > 1)
        {
            foreach (var pair in uri.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
                {
                    builder.Append("?comp=").Append(Uri.UnescapeDataString(pair[5..]));
                    break;
                }
            }
        }

        return builder.ToString();
    }
}
