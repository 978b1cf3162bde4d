using Microsoft.Extensions.Hosting;
using RenderHooks.Functions;

FunctionsApp.CreateBuilder(args).Build().Run();
