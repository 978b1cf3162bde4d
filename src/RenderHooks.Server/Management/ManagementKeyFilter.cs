using Microsoft.Extensions.Options;
using RenderHooks.Security;

namespace RenderHooks.Server.Management;

/// <summary>Lets a request through only with the management key in <c>x-functions-key</c>, as Functions keys work in Azure.</summary>
internal sealed class ManagementKeyFilter(IOptionsMonitor<ManagementOptions> options) : IEndpointFilter
{
    public const string HeaderName = "x-functions-key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = context.HttpContext.Request.Headers[HeaderName].ToString();
        if (!SecretComparison.FixedTimeEquals(presented, options.CurrentValue.ManagementKey))
        {
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: $"Send the management key in the {HeaderName} header."));
        }

        return next(context);
    }
}
