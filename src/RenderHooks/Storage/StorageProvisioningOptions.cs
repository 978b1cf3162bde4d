namespace RenderHooks.Storage;

/// <summary>
/// Whether the hosts create the queues and tables at start (section <c>RenderHooks:Storage</c>, beside the names of
/// <see cref="StorageNamesOptions"/>).
/// </summary>
public sealed class StorageProvisioningOptions
{
    public const string SectionName = StorageNamesOptions.SectionName;

    /// <summary>
    /// True (the default, for Azurite and local development): <see cref="StorageProvisioner"/> creates the queues and
    /// tables that are missing. False (the Azure deployment, whose Bicep creates them): it creates nothing, so the app's
    /// identity needs no right to create them; it checks that they exist and names any that is missing.
    /// </summary>
    public bool CreateIfNotExists { get; set; } = true;
}
