using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.AspNetCore.Builder;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Functions.Telemetry;
using RenderHooks.Serialization;
using RenderHooks.Storage;

namespace RenderHooks.Functions;

/// <summary>What the Functions app adds to the library, as <c>AddRenderHooksServer</c> does for the server.</summary>
internal static class FunctionsBuilderExtensions
{
    /// <summary>
    /// HTTP triggers as ASP.NET Core (HttpRequest in, IResult out), the caller's address taken from the host alone
    /// (<see cref="HostForwardedHeaders"/>); Application Insights from the worker, with webhook tokens masked (its logger
    /// gets the token log filters of <c>AddRenderHooks</c>, which are added for every registered logger provider once
    /// configuration is read); problem+json and JSON written as the server writes them; the queues and tables created at start.
    /// </summary>
    public static FunctionsApplicationBuilder AddRenderHooksFunctions(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        builder.Services.PostConfigure<ForwardedHeadersOptions>(HostForwardedHeaders.TrustOnlyTheHost);
        builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        builder.Services.AddSingleton<ITelemetryInitializer, WebhookTokenTelemetryInitializer>();
        builder.Services.AddProblemDetails().ConfigureHttpJsonOptions(json => RenderHooksJson.Configure(json.SerializerOptions));
        builder.Services.AddStorageProvisioning();
        return builder;
    }
}
