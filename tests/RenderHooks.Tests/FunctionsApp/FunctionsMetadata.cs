extern alias functions;

using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using RenderHooks.Tests.Infrastructure;
using GeneratedFunctionMetadataProvider = functions::RenderHooks.Functions.GeneratedFunctionMetadataProvider;

namespace RenderHooks.Tests.FunctionsApp;

/// <summary>
/// The functions as the worker declares them to the Functions host (worker indexing): the metadata the Worker SDK's
/// source generator compiled into the app from its attributes, and the route prefix from host.json, which the host
/// and the worker's own ASP.NET Core routing both read.
/// </summary>
public static class FunctionsMetadata
{
    public static async Task<IReadOnlyList<IFunctionMetadata>> AllAsync() =>
        await new GeneratedFunctionMetadataProvider().GetFunctionMetadataAsync(AppContext.BaseDirectory);

    public static async Task<IFunctionMetadata> NamedAsync(string name) => (await AllAsync()).Single(f => f.Name == name);

    /// <summary>A function's bindings, each the JSON object the host receives.</summary>
    public static IReadOnlyList<JsonElement> Bindings(IFunctionMetadata function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return [.. (function.RawBindings ?? []).Select(b => JsonDocument.Parse(b).RootElement.Clone())];
    }

    public static JsonElement Trigger(IFunctionMetadata function) =>
        Bindings(function).Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    /// <summary><c>extensions.http.routePrefix</c> of the repository's host.json, <c>api</c> when absent (the host's default).</summary>
    public static string RoutePrefix()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteFixture.FindRepositoryRoot(), "host.json")));
        return hostJson.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
                ? prefix.GetString()!
                : "api";
    }

    /// <summary>Every HTTP function's route, as the host maps them.</summary>
    public static async Task<IReadOnlyList<HttpFunctionRoute>> HttpRoutesAsync()
    {
        var prefix = RoutePrefix();
        var routes = new List<HttpFunctionRoute>();
        foreach (var function in await AllAsync())
        {
            var trigger = Bindings(function).SingleOrDefault(b => b.GetProperty("type").GetString() == "httpTrigger");
            if (trigger.ValueKind == JsonValueKind.Undefined)
            {
                continue;
            }

            var route = trigger.TryGetProperty("route", out var r) ? r.GetString()! : function.Name!;
            var methods = trigger.TryGetProperty("methods", out var m) ? m.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
            routes.Add(new HttpFunctionRoute(function.Name!, $"{prefix}/{route}", methods, trigger.GetProperty("authLevel").GetString()!));
        }

        return routes;
    }
}
