using RenderHooks;
using RenderHooks.Server;
using RenderHooks.Server.Deliveries;
using RenderHooks.Server.Health;
using RenderHooks.Server.Hooks;
using RenderHooks.Server.Jobs;
using RenderHooks.Server.Startup;

try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.AddRenderHooks();
    builder.AddRenderHooksServer();

    var app = builder.Build();

    // A refused setting fails here, in one line (below), before the host starts anything.
    ServerStartup.CheckSettings(app.Services);

    // Before anything reads the caller's address: X-Forwarded-For from the configured proxies only (RenderHooks:ForwardedHeaders).
    app.UseForwardedHeaders();

    var api = app.MapGroup("/api");
    api.MapHookEndpoints();
    api.MapJobEndpoints();
    api.MapDeliveryEndpoints();
    api.MapHealthEndpoints();

    app.Run();
    return 0;
}
catch (Exception e) when (StartupFailure.IsTheProcess && StartupFailure.Describe(e) is { } line)
{
    // What is wrong and how to fix it, without a stack trace; a bug is not described and keeps its stack. Inside a
    // test host (WebApplicationFactory runs this entry point inside the test process) the exception goes on to it.
    Console.Error.WriteLine(line);
    return StartupFailure.ExitCode;
}

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
