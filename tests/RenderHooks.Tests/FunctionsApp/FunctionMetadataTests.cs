using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RenderHooks.Reconciliation;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.FunctionsApp;

/// <summary>
/// The functions as the worker declares them to the Functions host (the metadata the Worker SDK generated from their
/// attributes): the same routes and methods as the server's endpoints, function keys on the management routes only (jobs, deliveries, health details), the
/// queue trigger on the contract's deliveries queue and the timer on the reconciliation schedule setting.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionMetadataTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task HttpRoutes_SameMethodsAndRoutesAsTheServer()
    {
        var functions = (await FunctionsMetadata.HttpRoutesAsync())
            .SelectMany(r => r.Methods.Select(m => $"{m.ToUpperInvariant()} /{r.Template}"))
            .Order()
            .ToList();
        // The server's pattern for POST /api/jobs is "/api/jobs/" (its group plus an empty route); routing ignores the trailing slash.
        await using var server = new ServerFactory(azurite);
        server.CreateClient().Dispose();
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText?.TrimEnd('/')}"))
            .Order()
            .ToList();

        Assert.Equal(
            [
                "DELETE /api/hooks/{provider}/{token}", "GET /api/deliveries", "GET /api/health", "GET /api/health/details",
                "GET /api/hooks/{provider}/{token}", "GET /api/jobs", "GET /api/jobs/{provider}/{*jobId}", "HEAD /api/hooks/{provider}/{token}",
                "OPTIONS /api/hooks/{provider}/{token}", "PATCH /api/hooks/{provider}/{token}", "POST /api/hooks/{provider}/{token}", "POST /api/jobs",
                "PUT /api/hooks/{provider}/{token}",
            ],
            functions);
        Assert.Equal(functions, endpoints);
        await server.DeleteStorageAsync();
    }

    [Theory]
    [InlineData("ReceiveWebhook", "Anonymous")]
    [InlineData("RefuseWebhookMethod", "Anonymous")]
    [InlineData("Health", "Anonymous")]
    [InlineData("HealthDetails", "Function")]
    [InlineData("GetJob", "Function")]
    [InlineData("RegisterJob", "Function")]
    [InlineData("ListJobs", "Function")]
    [InlineData("ListDeliveries", "Function")]
    public async Task HttpFunctions_KeysOnTheManagementRoutesOnly(string function, string authLevel)
    {
        var route = (await FunctionsMetadata.HttpRoutesAsync()).Single(r => r.Name == function);

        Assert.Equal(authLevel, route.AuthLevel);
    }

    [Fact]
    public async Task ProcessDelivery_TriggeredByTheDefaultDeliveriesQueue_OnAzureWebJobsStorage()
    {
        var trigger = FunctionsMetadata.Trigger(await FunctionsMetadata.NamedAsync("ProcessDelivery"));

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(new StorageNamesOptions().DeliveriesQueue, trigger.GetProperty("queueName").GetString());
        Assert.False(trigger.TryGetProperty("connection", out _));
    }

    [Fact]
    public async Task ReconcileJobs_TimerOnTheScheduleSetting()
    {
        var trigger = FunctionsMetadata.Trigger(await FunctionsMetadata.NamedAsync("ReconcileJobs"));

        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal($"%{ReconcileOptions.SectionName}:{nameof(ReconcileOptions.Schedule)}%", trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public async Task EveryFunction_Declared()
    {
        var names = (await FunctionsMetadata.AllAsync()).Select(f => f.Name).Order();

        Assert.Equal(["GetJob", "Health", "HealthDetails", "ListDeliveries", "ListJobs", "ProcessDelivery", "ReceiveWebhook", "ReconcileJobs", "RefuseWebhookMethod", "RegisterJob"], names);
    }
}
