using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using RenderHooks.AspNetCore;
using RenderHooks.Deliveries;

namespace RenderHooks.Functions.Deliveries;

/// <summary><c>GET /api/deliveries</c> behind a function key: the flagged deliveries with their reasons, a page at a time.</summary>
public sealed class ListDeliveries(DeliveryListing listing)
{
    [Function(nameof(ListDeliveries))]
    public Task<Results<Ok<ListAnswer<DeliverySummary>>, ProblemHttpResult>> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "deliveries")] HttpRequest request,
        CancellationToken cancellationToken) =>
        listing.ListFromQueryAsync(request, cancellationToken);
}
