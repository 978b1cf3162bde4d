using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RenderHooks;
using RenderHooks.Functions.Telemetry;
using RenderHooks.Serialization;
using RenderHooks.Storage;

var builder = FunctionsApplication.CreateBuilder(args);

// The worker's own plumbing: HTTP triggers as ASP.NET Core (HttpRequest in, IResult out), Application Insights from
// the worker with webhook tokens masked, and HTTP answers written exactly as the server writes them.
builder.ConfigureFunctionsWebApplication();
builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
builder.Services.AddSingleton<ITelemetryInitializer, WebhookTokenTelemetryInitializer>();
builder.Services.AddProblemDetails().ConfigureHttpJsonOptions(json => RenderHooksJson.Configure(json.SerializerOptions));

// The pipeline, composed exactly as the server composes it, and its queues and tables created at start.
builder.AddRenderHooks();
builder.Services.AddHostedService<StorageProvisioner>();

builder.Build().Run();
