using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using RenderHooks.Providers;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Adversarial;

/// <summary>
/// Answers of a status API gone wrong, for <see cref="ProviderStatusServer"/>: 200s whose body is not the answer (malformed
/// JSON, an HTML page, nothing, another job's status, a true answer under a Content-Type that is not JSON, more than the
/// client reads), a redirect, a body cut off mid-way at once or after a pause — none may become an event.
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

    /// <summary><paramref name="answer"/> as it is, under another Content-Type (null: none).</summary>
    public static StatusReply Relabelled(StatusReply answer, string? contentType) => new Relabel(answer, contentType);

    /// <summary>Headers promising 1,000 bytes, 20 sent, then the connection is dropped.</summary>
    public static StatusReply Truncated() => new Cut(TimeSpan.Zero);

    /// <summary>
    /// As <see cref="Truncated"/>, with <paramref name="pause"/> between the first bytes and the drop: the client has had
    /// the headers for a while when the reset arrives.
    /// </summary>
    public static StatusReply TruncatedAfter(TimeSpan pause) => new Cut(pause);

    /// <summary>200, JSON content type, a well-formed JSON object of <paramref name="bytes"/> bytes.</summary>
    public static StatusReply Oversized(int bytes) => new Fixed(200, "application/json", $$"""{"job_id":"x","status":"completed","padding":"{{new string('a', bytes - 50)}}"}""");

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

    private sealed record Relabel(StatusReply Answer, string? ContentType) : FaultReply
    {
        internal override Task WriteAsync(HttpContext context, string provider, string jobId)
        {
            context.Response.OnStarting(() =>
            {
                if (ContentType is null)
                {
                    context.Response.Headers.ContentType = default;
                }
                else
                {
                    context.Response.ContentType = ContentType;
                }

                return Task.CompletedTask;
            });
            return Answer.WriteAsync(context, provider, jobId);
        }
    }

    private sealed record Cut(TimeSpan Pause) : FaultReply
    {
        internal override async Task WriteAsync(HttpContext context, string provider, string jobId)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 1000;
            await context.Response.WriteAsync("""{"job_id":"x","sta""", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (Pause > TimeSpan.Zero)
            {
                await Task.Delay(Pause, context.RequestAborted);
            }

            context.Features.GetRequiredFeature<IHttpRequestLifetimeFeature>().Abort();
        }
    }
}
