using Microsoft.AspNetCore.Http.HttpResults;
using RenderHooks.AspNetCore;
using RenderHooks.Deliveries;
using RenderHooks.Server.Management;

namespace RenderHooks.Server.Deliveries;

/// <summary><c>GET /api/deliveries</c>, behind the management key: the flagged deliveries with their reasons, a page at a time.</summary>
internal static class DeliveryEndpoints
{
    public static RouteGroupBuilder MapDeliveryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/deliveries", ListAsync).WithName("ListDeliveries").AddEndpointFilter<ManagementKeyFilter>();
        return api;
    }

    private static Task<Results<Ok<ListAnswer<DeliverySummary>>, ProblemHttpResult>> ListAsync(
        HttpRequest request, DeliveryListing listing, CancellationToken cancellationToken) =>
        listing.ListFromQueryAsync(request, cancellationToken);
}
