using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace RenderHooks.Providers.StatusApi;

/// <summary>
/// The request every status client makes: validate the job id, build the URL from the configured base URL only,
/// send it through the client's resilience pipeline (see <see cref="StatusApiPipeline"/>), and turn whatever comes back —
/// or fails to — into a <see cref="ProviderStatus"/>. The provider's part is the URL shape, the key header and the body.
/// </summary>
internal abstract class ProviderStatusClientBase : IProviderStatusClient
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly HttpClient _httpClient;
    private readonly ProviderStatusOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    protected ProviderStatusClientBase(HttpClient httpClient, ProviderStatusOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public abstract string Provider { get; }

    public bool IsConfigured => _options.IsConfigured && ProviderStatusOptions.IsAcceptableBaseUrl(_options.BaseUrl!);

    public IReadOnlyList<string> MissingSettings => _options.MissingSettings();

    public async Task<ProviderStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!IsConfigured)
        {
            var notConfigured = ProviderStatuses.Unavailable($"the {Provider} status API is not configured (BaseUrl and ApiKey)");
            StatusApiLog.Refused(_logger, Provider, notConfigured.Reason!);
            return notConfigured;
        }

        string? reason = "missing job id";
        if (jobId is null || !JobIdRules.TryValidate(jobId, "job id", out var id, out reason))
        {
            var refused = ProviderStatuses.Unknown($"not asked: {reason}");
            StatusApiLog.Refused(_logger, Provider, refused.Reason!);
            return refused;
        }

        var root = _options.BaseUrl!.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
        if (TryBuildRequestUri(root, id) is not { } requestUri)
        {
            var refused = ProviderStatuses.Unknown("not asked: the job id cannot be placed in the request URL");
            StatusApiLog.Refused(_logger, Provider, refused.Reason!);
            return refused;
        }

        var started = _timeProvider.GetTimestamp();
        ProviderStatus status;
        try
        {
            status = await AskAsync(requestUri, id, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is TimeoutRejectedException or OperationCanceledException)
        {
            status = ProviderStatuses.Unavailable("timed out");
        }
        catch (HttpRequestException exception)
        {
            status = ProviderStatuses.Unavailable($"request failed ({exception.HttpRequestError})");
        }
#pragma warning disable CA1031 // The contract: everything but the caller's cancellation becomes Unavailable.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            status = ProviderStatuses.Unavailable($"request failed ({exception.GetType().Name})");
        }

        status = Redact(status);
        Log(id, status, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return status;
    }

    /// <summary>
    /// The request URL for <paramref name="jobId"/> under <paramref name="baseUrl"/> (escaped, no trailing slash), or null
    /// when the escaped id would not stay where it was put (e.g. <c>..</c> in a path).
    /// </summary>
    protected abstract Uri? TryBuildRequestUri(string baseUrl, string jobId);

    /// <summary>Adds the API key the way the provider expects it.</summary>
    protected abstract void AddApiKey(HttpRequestHeaders headers, string apiKey);

    /// <summary>Interprets the answer; pure, never throws.</summary>
    protected abstract ProviderStatus Read(StatusApiAnswer answer, string jobId);

    private async Task<ProviderStatus> AskAsync(Uri requestUri, string jobId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, requestUri);
        request.Headers.Accept.Add(Json);
        AddApiKey(request.Headers, _options.ApiKey!);

        // The body is already read, inside the retries (BufferedAnswerHandler).
        using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return Read(new StatusApiAnswer((int)response.StatusCode, body, RetryAfterHeader.Read(response, _timeProvider), mediaType), jobId);
    }

    private ProviderStatus Redact(ProviderStatus status)
    {
        var key = _options.ApiKey;
        if (string.IsNullOrEmpty(key))
        {
            return status;
        }

        return status with
        {
            Reason = status.Reason?.Replace(key, "***", StringComparison.Ordinal),
            ProviderState = status.ProviderState?.Replace(key, "***", StringComparison.Ordinal),
        };
    }

    private void Log(string jobId, ProviderStatus status, long elapsedMs)
    {
        if (status.Kind is ProviderStatusKind.Terminal or ProviderStatusKind.InProgress)
        {
            StatusApiLog.Answered(_logger, Provider, jobId, status.Kind, status.ProviderState, elapsedMs);
        }
        else
        {
            StatusApiLog.NotAnswered(_logger, Provider, jobId, status.Kind, status.Reason, elapsedMs);
        }
    }
}
