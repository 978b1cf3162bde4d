namespace RenderHooks.Server.Startup;

/// <summary>
/// <c>AzureWebJobsStorage</c> (or its identity-based settings) is missing or malformed: the message, from
/// <see cref="RenderHooks.Storage.StorageAccount"/>, names the setting and the forms it takes, never its value's secret.
/// </summary>
internal sealed class StorageSettingException(string message, Exception innerException) : Exception(message, innerException);
