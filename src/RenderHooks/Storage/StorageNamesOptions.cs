using System.ComponentModel.DataAnnotations;

namespace RenderHooks.Storage;

/// <summary>Names of the queues, tables and the payloads container (section <c>RenderHooks:Storage</c>). The defaults are the contract's.</summary>
public sealed class StorageNamesOptions
{
    public const string SectionName = "RenderHooks:Storage";

    /// <summary>Queue intake writes deliveries to. Its poison queue is this name + <c>-poison</c>, as the Functions host names it.</summary>
    [Required, RegularExpression(QueueNamePattern, ErrorMessage = QueueNameError)]
    public string DeliveriesQueue { get; set; } = "renderhooks-deliveries";

    /// <summary>Queue the normalized events are published to.</summary>
    [Required, RegularExpression(QueueNamePattern, ErrorMessage = QueueNameError)]
    public string EventsQueue { get; set; } = "renderhooks-events";

    /// <summary>Table of jobs and their recorded state.</summary>
    [Required, RegularExpression(TableNamePattern, ErrorMessage = TableNameError)]
    public string JobsTable { get; set; } = "RenderHooksJobs";

    /// <summary>Table archiving every delivery, raw, with its outcome.</summary>
    [Required, RegularExpression(TableNamePattern, ErrorMessage = TableNameError)]
    public string DeliveriesTable { get; set; } = "RenderHooksDeliveries";

    /// <summary>Blob container of the webhook bodies too large for a queue message, each under its delivery id.</summary>
    [Required, RegularExpression(ContainerNamePattern, ErrorMessage = ContainerNameError)]
    public string PayloadsContainer { get; set; } = "renderhooks-payloads";

    /// <summary>The poison queue of <see cref="DeliveriesQueue"/>.</summary>
    public string PoisonQueue => DeliveriesQueue + "-poison";

    private const string QueueNamePattern = "^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$";
    private const string QueueNameError = "{0} must be a queue name of 3 to 56 lower-case letters, digits and single hyphens (56, so that its -poison queue is valid too).";
    private const string ContainerNamePattern = "^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$";
    private const string ContainerNameError = "{0} must be a blob container name of 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.";
    private const string TableNamePattern = "^(?![Tt][Aa][Bb][Ll][Ee][Ss]$)[A-Za-z][A-Za-z0-9]{2,62}$";
    private const string TableNameError = "{0} must be a table name of 3 to 63 letters and digits, starting with a letter ('tables' is reserved).";
}
