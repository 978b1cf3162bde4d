using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using RenderHooks;
using RenderHooks.Functions;

var builder = FunctionsApplication.CreateBuilder(args);

builder.AddRenderHooks();
builder.AddRenderHooksFunctions();

builder.Build().Run();
