using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using RenderHooks.Providers;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Adversarial;

/// <summary>
/// Answers of a status API gone wrong, for <see cref="ProviderStatusServer"/>: 200s whose body is not the answer (malformed
/// JSON, an HTML page, nothing, another job's status), a redirect, a body cut off mid-way — none may become an event —
/// and a true answer under the wrong Content-Type, which is still the provider's answer.
/// </summary>
internal abstract record FaultReply : StatusReply
{
    /// <summary>200, JSON content type, a body that breaks off inside a string.</summary>
    public static StatusReply MalformedJson() => new Fixed(200, "application/json", """{"job_id":"x","status":"comp""");

    /// <summary>200 with an HTML page, as a proxy or firewall in front of the API answers.</summary>
    public static StatusReply HtmlPage() => new Fixed(200, "text/html; charset=utf-8", "<html><body><h1>Service temporarily unavailable</h1></body></html>");

    /// <summary>200 with no body at all.</summary>
    public static StatusReply Empty() => new Fixed(200, "application/json", string.Empty);

    /// <summary>302 to another host, which a client must not follow with the API key.</summary>
    public static StatusReply Redirect() => new Fixed(302, "text/plain", string.Empty, "https://evil.example/steal");

    /// <summary>A well-formed, finished answer about a different job, with an output URL of its own.</summary>
    public static StatusReply AboutAnotherJob() => new OtherJob();

    /// <summary><paramref name="answer"/> as it is, under another Content-Type.</summary>
    public static StatusReply Relabelled(StatusReply answer, string contentType) => new Relabel(answer, contentType);

    /// <summary>Headers promising 1,000 bytes, 20 sent, then the connection is dropped.</summary>
    public static StatusReply Truncated() => new Cut();

    private sealed record Fixed(int Status, string ContentType, string Body, string? Location = null) : FaultReply
    {
        internal override Task WriteAsync(HttpContext context, string provider, string jobId)
        {
            context.Response.StatusCode = Status;
            context.Response.ContentType = ContentType;
            if (Location is not null)
            {
                context.Response.Headers.Location = Location;
            }

            return context.Response.WriteAsync(Body, context.RequestAborted);
        }
    }

    private sealed record OtherJob : FaultReply
    {
        internal override Task WriteAsync(HttpContext context, string provider, string jobId)
        {
            var body = provider == ProviderNames.PhantomFlow
                ? new JsonObject { ["job_id"] = Guid.NewGuid().ToString(), ["status"] = "completed", ["output_url"] = "https://evil.example/other.mp4" }
                : new JsonObject
                {
                    ["success"] = true,
                    ["movie"] = new JsonObject { ["success"] = true, ["status"] = "done", ["project"] = "OtherProject0001", ["url"] = "https://evil.example/other.mp4" },
                };
            return WriteJsonAsync(context, 200, body);
        }
    }

    private sealed record Relabel(StatusReply Answer, string ContentType) : FaultReply
    {
        internal override Task WriteAsync(HttpContext context, string provider, string jobId)
        {
            context.Response.OnStarting(() =>
            {
                context.Response.ContentType = ContentType;
                return Task.CompletedTask;
            });
            return Answer.WriteAsync(context, provider, jobId);
        }
    }

    private sealed record Cut : FaultReply
    {
        internal override async Task WriteAsync(HttpContext context, string provider, string jobId)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 1000;
            await context.Response.WriteAsync("""{"job_id":"x","sta""", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Features.GetRequiredFeature<IHttpRequestLifetimeFeature>().Abort();
        }
    }
}
