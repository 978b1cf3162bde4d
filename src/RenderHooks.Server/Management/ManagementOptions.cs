using System.ComponentModel.DataAnnotations;

namespace RenderHooks.Server.Management;

/// <summary>The key of the management routes (<c>RenderHooks:ManagementKey</c>), sent as the <c>x-functions-key</c> header.</summary>
internal sealed class ManagementOptions
{
    public const string SectionName = "RenderHooks";

    [Required(ErrorMessage = "RenderHooks:ManagementKey is required: the key the management routes expect in the x-functions-key header (environment variable RenderHooks__ManagementKey).")]
    [MinLength(16, ErrorMessage = "RenderHooks:ManagementKey must be at least 16 characters.")]
    public string? ManagementKey { get; set; }
}
