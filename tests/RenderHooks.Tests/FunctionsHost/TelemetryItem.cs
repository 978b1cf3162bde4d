using System.Text.Json;

namespace RenderHooks.Tests.FunctionsHost;

/// <summary>
/// One Application Insights item as it reached the ingestion endpoint: its type (from <c>data.baseType</c>:
/// RequestData, RemoteDependencyData, MessageData, ExceptionData, MetricData, …), whether the host or the isolated
/// worker sent it (the worker's items carry the SDK version <c>azurefunctions-netiso: …</c>), when it was recorded, and
/// the item's JSON as sent.
/// </summary>
public sealed record TelemetryItem(string Type, bool FromWorker, DateTimeOffset Time, string Json)
{
    public string Source => FromWorker ? "worker" : "host";

    public static TelemetryItem Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var type = root.TryGetProperty("data", out var data) && data.TryGetProperty("baseType", out var baseType) ? baseType.GetString() ?? "?" : "?";
        var sdk = root.TryGetProperty("tags", out var tags) && tags.TryGetProperty("ai.internal.sdkVersion", out var version) ? version.GetString() ?? "" : "";
        var time = root.TryGetProperty("time", out var at) && at.TryGetDateTimeOffset(out var parsed) ? parsed : DateTimeOffset.MinValue;
        return new TelemetryItem(type, sdk.StartsWith("azurefunctions-netiso", StringComparison.Ordinal), time, json);
    }
}
