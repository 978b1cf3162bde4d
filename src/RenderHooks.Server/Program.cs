using RenderHooks;
using RenderHooks.Server;
using RenderHooks.Server.Deliveries;
using RenderHooks.Server.Health;
using RenderHooks.Server.Hooks;
using RenderHooks.Server.Jobs;

var builder = WebApplication.CreateBuilder(args);

builder.AddRenderHooks();
builder.AddRenderHooksServer();

var app = builder.Build();

// Before anything reads the caller's address: X-Forwarded-For from the configured proxies only (RenderHooks:ForwardedHeaders).
app.UseForwardedHeaders();

var api = app.MapGroup("/api");
api.MapHookEndpoints();
api.MapJobEndpoints();
api.MapDeliveryEndpoints();
api.MapHealthEndpoints();

app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
