using System.ComponentModel.DataAnnotations;
using System.Net;
using RenderHooks.Intake;

namespace RenderHooks.Server.Proxies;

/// <summary>
/// The proxies in front of the server whose <c>X-Forwarded-For</c> it believes (section <c>RenderHooks:ForwardedHeaders</c>),
/// named as ASP.NET Core's <c>ForwardedHeadersOptions</c> name them: <c>KnownProxies:0</c>, <c>:1</c>, … (addresses),
/// <c>KnownNetworks:0</c>, … (CIDR ranges) and <c>ForwardLimit</c>. None, the default: the header is ignored and a
/// request's source is the connection's peer, so no caller can name its own source address.
/// </summary>
internal sealed class ForwardedHeadersSettings : IValidatableObject
{
    public const string SectionName = "RenderHooks:ForwardedHeaders";

    /// <summary>The most hops a chain of trusted proxies may have.</summary>
    public const int MaxForwardLimit = 10;

    /// <summary>Addresses of trusted proxies.</summary>
    public IList<string> KnownProxies { get; set; } = [];

    /// <summary>Address ranges whose every address is a trusted proxy.</summary>
    public IList<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// How many <c>X-Forwarded-For</c> entries are read, right to left, each only while the address before it is a trusted
    /// proxy: the number of trusted proxies a request passes. The default, 1, is one proxy.
    /// </summary>
    [Range(1, MaxForwardLimit, ErrorMessage = "RenderHooks:ForwardedHeaders:ForwardLimit must be between {1} and {2}: the number of trusted proxies in a row in front of the server.")]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Whether any proxy is trusted; without one, forwarded headers are not read at all.</summary>
    public bool TrustsAnyProxy => KnownProxies.Concat(KnownNetworks).Any(entry => !string.IsNullOrWhiteSpace(entry));

    /// <summary>The trusted proxies' addresses (validated at start; blank entries skipped).</summary>
    public IEnumerable<IPAddress> Proxies() => Ranges(KnownProxies).Select(range => range.BaseAddress);

    /// <summary>The trusted networks (validated at start; blank entries skipped).</summary>
    public IEnumerable<IPNetwork> Networks() => Ranges(KnownNetworks);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            var entry = KnownProxies[i];
            if (string.IsNullOrWhiteSpace(entry))
            {
                continue;
            }

            if (entry.Contains('/', StringComparison.Ordinal))
            {
                yield return new ValidationResult($"{SectionName}:KnownProxies:{i} ('{entry}') is a range: a proxy is one address; put ranges in {SectionName}:KnownNetworks.", [nameof(KnownProxies)]);
            }
            else if (!CidrRange.TryParse(entry, out _, out var problem))
            {
                yield return new ValidationResult($"{SectionName}:KnownProxies:{i} ('{entry}') is not an IP address: {problem}", [nameof(KnownProxies)]);
            }
        }

        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            var entry = KnownNetworks[i];
            if (!string.IsNullOrWhiteSpace(entry) && !CidrRange.TryParse(entry, out _, out var problem))
            {
                yield return new ValidationResult($"{SectionName}:KnownNetworks:{i} ('{entry}') is not an address range: {problem}", [nameof(KnownNetworks)]);
            }
        }
    }

    private static IEnumerable<IPNetwork> Ranges(IEnumerable<string> entries) =>
        entries.Where(entry => !string.IsNullOrWhiteSpace(entry)).Select(entry => CidrRange.TryParse(entry, out var range, out var problem)
            ? range
            : throw new FormatException($"'{entry}' is not an address: {problem}"));
}
