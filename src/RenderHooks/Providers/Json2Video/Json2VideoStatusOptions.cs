using RenderHooks.Providers.StatusApi;

namespace RenderHooks.Providers.Json2Video;

/// <summary>
/// JSON2Video's status API (section <c>RenderHooks:Json2Video</c>): <c>GET {BaseUrl}/v2/movies?project={id}&amp;format=simple</c>,
/// base URL <see cref="DefaultBaseUrl"/> unless set; reconciliation of JSON2Video jobs is off until <c>ApiKey</c> is set.
/// </summary>
internal sealed class Json2VideoStatusOptions : ProviderStatusOptions
{
    public const string Section = "RenderHooks:Json2Video";

    public static readonly Uri DefaultBaseUrl = new("https://api.json2video.com");

    public Json2VideoStatusOptions() => BaseUrl = DefaultBaseUrl;

    protected override string SectionName => Section;
}
