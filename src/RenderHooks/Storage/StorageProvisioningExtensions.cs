using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RenderHooks.Storage;

/// <summary>Registers <see cref="StorageProvisioner"/> once, as a hosted service that others can also wait on.</summary>
public static class StorageProvisioningExtensions
{
    public static IServiceCollection AddStorageProvisioning(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(StorageProvisioner)))
        {
            return services;
        }

        services.TryAddSingleton<StorageProvisioner>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageProvisioner>());
        return services;
    }
}
