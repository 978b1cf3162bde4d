using System.ComponentModel.DataAnnotations;

namespace RenderHooks.Providers.StatusApi;

/// <summary>
/// Settings shared by both status API clients (section <c>RenderHooks:PhantomFlow</c> or <c>RenderHooks:Json2Video</c>).
/// A client is configured when both <see cref="BaseUrl"/> and <see cref="ApiKey"/> are set.
/// </summary>
internal abstract class ProviderStatusOptions : IValidatableObject
{
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);
    public const int MaxRetriesLimit = 10;
    public static readonly TimeSpan MaxRetryAfterLimit = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MinRetryDelay = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);
    public const int MaxApiKeyLength = 4096;

    /// <summary>The configuration section, used to name settings in validation messages.</summary>
    protected abstract string SectionName { get; }

    /// <summary>Root of the status API: absolute https (http only for loopback hosts), no query, fragment or user info.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The API key. Never logged, never part of a reason or a validation message.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Timeout of one attempt (request and answer headers).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt, for 429, 408, 5xx, connection errors and attempt timeouts.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// The longest <c>Retry-After</c> waited for. A 429 (or 5xx) asking for longer is not retried: the client answers
    /// <see cref="ProviderStatusKind.Throttled"/> with the asked delay at once.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait between attempts when the provider sends no <c>Retry-After</c>; doubles each retry, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether both the base URL and the API key are set.</summary>
    public bool IsConfigured => BaseUrl is not null && !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>The names of the settings that are not set (of <c>BaseUrl</c> and <c>ApiKey</c>); empty when configured.</summary>
    public IReadOnlyList<string> MissingSettings()
    {
        var missing = new List<string>(2);
        if (BaseUrl is null)
        {
            missing.Add($"{SectionName}:{nameof(BaseUrl)}");
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            missing.Add($"{SectionName}:{nameof(ApiKey)}");
        }

        return missing;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is { } baseUrl && !IsAcceptableBaseUrl(baseUrl))
        {
            yield return Failure(
                $"{SectionName}:BaseUrl must be an absolute https URL (http only for a loopback host) without query, fragment or user info.",
                nameof(BaseUrl));
        }

        if (ApiKey is { Length: > 0 } key && (key.Length > MaxApiKeyLength || !key.All(c => c is > ' ' and <= '~')))
        {
            // Never echo the key.
            yield return Failure($"{SectionName}:ApiKey must be at most {MaxApiKeyLength} printable ASCII characters without spaces.", nameof(ApiKey));
        }

        if (Timeout < MinTimeout || Timeout > MaxTimeout)
        {
            yield return Failure($"{SectionName}:Timeout must be between {MinTimeout} and {MaxTimeout}.", nameof(Timeout));
        }

        if (MaxRetries is < 0 or > MaxRetriesLimit)
        {
            yield return Failure($"{SectionName}:MaxRetries must be between 0 and {MaxRetriesLimit}.", nameof(MaxRetries));
        }

        if (MaxRetryAfter < TimeSpan.Zero || MaxRetryAfter > MaxRetryAfterLimit)
        {
            yield return Failure($"{SectionName}:MaxRetryAfter must be between {TimeSpan.Zero} and {MaxRetryAfterLimit}.", nameof(MaxRetryAfter));
        }

        if (RetryDelay < MinRetryDelay || RetryDelay > MaxRetryDelay)
        {
            yield return Failure($"{SectionName}:RetryDelay must be between {MinRetryDelay} and {MaxRetryDelay}.", nameof(RetryDelay));
        }
    }

    /// <summary>Absolute http(s), http only for loopback, a host, no query, fragment or user info.</summary>
    public static bool IsAcceptableBaseUrl(Uri url) =>
        url.IsAbsoluteUri
        && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
        && !string.IsNullOrEmpty(url.Host)
        && string.IsNullOrEmpty(url.Query)
        && string.IsNullOrEmpty(url.Fragment)
        && string.IsNullOrEmpty(url.UserInfo);

    private static ValidationResult Failure(string message, string member) => new(message, [member]);
}
