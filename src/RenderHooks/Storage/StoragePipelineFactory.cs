using Azure.Core;
using Azure.Core.Pipeline;

namespace RenderHooks.Storage;

/// <summary>Builds the Azure.Core pipeline of a storage client: retries, logging, the account's authentication, the error parser.</summary>
internal static class StoragePipelineFactory
{
    public const string StorageScope = "https://storage.azure.com/.default";

    public static HttpPipeline Build(
        StorageAccount account,
        StorageClientOptions options,
        Func<StorageSharedKeyCredential, TimeProvider, HttpPipelinePolicy> sharedKeyPolicy,
        RequestFailedDetailsParser detailsParser)
    {
        HttpPipelinePolicy authentication = account.SharedKeyCredential is { } sharedKey
            ? sharedKeyPolicy(sharedKey, TimeProvider.System)
            : new BearerTokenAuthenticationPolicy(
                account.TokenCredential ?? throw new InvalidOperationException("The storage account has neither a shared key nor a token credential."),
                StorageScope);

        var pipelineOptions = new HttpPipelineOptions(options)
        {
            RequestFailedDetailsParser = detailsParser,
        };
        pipelineOptions.PerRetryPolicies.Add(authentication);
        return HttpPipelineBuilder.Build(pipelineOptions);
    }
}
