using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using RenderHooks.Security;

namespace RenderHooks.Functions.Telemetry;

/// <summary>
/// Masks webhook tokens in everything the worker sends to Application Insights: operation names, trace and exception
/// messages, and custom properties (where log scopes such as <c>RequestPath</c> land). The log filters already keep
/// request paths out; this is the second line.
/// </summary>
internal sealed class WebhookTokenTelemetryInitializer : ITelemetryInitializer
{
    public void Initialize(ITelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        telemetry.Context.Operation.Name = WebhookPathRedaction.Redact(telemetry.Context.Operation.Name);
        if (telemetry is TraceTelemetry trace)
        {
            trace.Message = WebhookPathRedaction.Redact(trace.Message);
        }

        if (telemetry is ExceptionTelemetry exception)
        {
            exception.Message = WebhookPathRedaction.Redact(exception.Message);
        }

        if (telemetry is ISupportProperties withProperties)
        {
            WebhookPathRedaction.RedactValues(withProperties.Properties);
        }
    }
}
