using Microsoft.Extensions.DependencyInjection;

namespace RenderHooks.Providers.StatusApi;

/// <summary>TEMPORARY placeholder until the status clients land (helper branch).</summary>
internal static class StatusApiServiceCollectionExtensions
{
    public static IServiceCollection AddProviderStatusClients(this IServiceCollection services) => services;
}
