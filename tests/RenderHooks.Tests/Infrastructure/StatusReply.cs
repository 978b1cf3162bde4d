using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using RenderHooks.Providers;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>
/// One scripted answer of <see cref="ProviderStatusServer"/>, written in each provider's documented shape:
/// PhantomFlow's job object (the webhook's fields plus a status) and <c>{"error":{"code","message"}}</c> errors;
/// JSON2Video's <c>{success, movie:{…}}</c> with numbers as JSON numbers (as its status API documents them)
/// and <c>{success:false, message}</c> errors.
/// </summary>
public abstract record StatusReply
{
    private const int CreditsUsed = 16;

    private protected StatusReply()
    {
    }

    public static StatusReply Done(
        string outputUrl = "https://cdn.example.test/out.mp4",
        double durationSeconds = 15.2,
        int width = 1920,
        int height = 1080,
        long sizeBytes = 4567890) => new DoneReply(outputUrl, durationSeconds, width, height, sizeBytes);

    public static StatusReply Failed(string code = "RENDER_FAILED", string message = "FFmpeg exited with code 1") => new FailedReply(code, message);

    /// <summary>A render in progress. The default <c>running</c> is sent as <c>rendering</c> to PhantomFlow clients; any other state is sent as is.</summary>
    public static StatusReply Running(string state = "running") => new RunningReply(state);

    /// <summary>Queued: PhantomFlow <c>queued</c>, JSON2Video <c>pending</c>.</summary>
    public static StatusReply Pending() => new PendingReply();

    public static StatusReply TooManyRequests(int retryAfterSeconds) => new TooManyRequestsReply(retryAfterSeconds);

    public static StatusReply ServerError(int status = 500) => new ServerErrorReply(status);

    /// <summary>The provider's answer for a job it does not know (also what an unscripted job gets).</summary>
    public static StatusReply NotFound() => new NotFoundReply();

    /// <summary>Waits <paramref name="delay"/> (or until the client gives up), then answers <paramref name="then"/>.</summary>
    public static StatusReply Slow(TimeSpan delay, StatusReply then) => new SlowReply(delay, then);

    /// <summary>
    /// Answers <paramref name="then"/> once <paramref name="release"/> completes (or not at all if the client gives up
    /// first): a call the test holds open exactly as long as it needs to, however fast or slow the machine is.
    /// </summary>
    public static StatusReply Held(Task release, StatusReply then) => new HeldReply(release, then);

    internal abstract Task WriteAsync(HttpContext context, string provider, string jobId);

    internal static Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static bool IsPhantomFlow(string provider) => provider == ProviderNames.PhantomFlow;

    private static JsonObject Json2VideoMovie(string jobId, bool success, string status, string message) => new()
    {
        ["success"] = success,
        ["status"] = status,
        ["message"] = message,
        ["project"] = jobId,
        ["url"] = string.Empty,
        ["created_at"] = "2026-11-22T09:58:02.000Z",
        ["client-data"] = new JsonObject(),
    };

    private static JsonObject Json2VideoEnvelope(JsonObject movie) => new()
    {
        ["success"] = true,
        ["movie"] = movie,
        ["remaining_quota"] = new JsonObject { ["movies"] = 0, ["drafts"] = 0, ["time"] = 1807 },
    };

    private sealed record DoneReply(string OutputUrl, double DurationSeconds, int Width, int Height, long SizeBytes) : StatusReply
    {
        internal override Task WriteAsync(HttpContext context, string provider, string jobId)
        {
            if (IsPhantomFlow(provider))
            {
                return WriteJsonAsync(context, 200, new JsonObject
                {
                    ["job_id"] = jobId,
                    ["status"] = "completed",
                    ["output_url"] = OutputUrl,
                    ["duration_seconds"] = DurationSeconds,
                    ["credits_used"] = CreditsUsed,
                    ["width"] = Width,
                    ["height"] = Height,
                    ["size_bytes"] = SizeBytes,
                });
            }

            var movie = Json2VideoMovie(jobId, success: true, "done", string.Empty);
            movie["url"] = OutputUrl;
            movie["ended_at"] = "2026-11-22T09:59:40.000Z";
            movie["duration"] = DurationSeconds;
            movie["size"] = SizeBytes;
            movie["width"] = Width;
            movie["height"] = Height;
            movie["rendering_time"] = 98;
            movie["consumed_credits"] = new JsonArray();
            return WriteJsonAsync(context, 200, Json2VideoEnvelope(movie));
        }
    }

    private sealed record FailedReply(string Code, string Message) : StatusReply
    {
        internal override Task WriteAsync(HttpContext context, string provider, string jobId)
        {
            if (IsPhantomFlow(provider))
            {
                return WriteJsonAsync(context, 200, new JsonObject
                {
                    ["job_id"] = jobId,
                    ["status"] = "failed",
                    ["error"] = new JsonObject { ["code"] = Code, ["message"] = Message },
                });
            }

            // JSON2Video has no error code: the message carries the reason.
            var movie = Json2VideoMovie(jobId, success: false, "error", Message);
            movie["ended_at"] = "2026-11-22T09:59:40.000Z";
            movie["duration"] = 0;
            movie["size"] = 0;
            return WriteJsonAsync(context, 200, Json2VideoEnvelope(movie));
        }
    }

    private sealed record RunningReply(string State) : StatusReply
    {
        internal override Task WriteAsync(HttpContext context, string provider, string jobId)
        {
            if (IsPhantomFlow(provider))
            {
                return WriteJsonAsync(context, 200, new JsonObject
                {
                    ["job_id"] = jobId,
                    ["status"] = State == "running" ? "rendering" : State,
                    ["progress"] = 42,
                });
            }

            var movie = Json2VideoMovie(jobId, success: true, State, string.Empty);
            movie["progress"] = 42;
            return WriteJsonAsync(context, 200, Json2VideoEnvelope(movie));
        }
    }

    private sealed record PendingReply : StatusReply
    {
        internal override Task WriteAsync(HttpContext context, string provider, string jobId) =>
            IsPhantomFlow(provider)
                ? WriteJsonAsync(context, 200, new JsonObject { ["job_id"] = jobId, ["status"] = "queued" })
                : WriteJsonAsync(context, 200, Json2VideoEnvelope(Json2VideoMovie(jobId, success: true, "pending", string.Empty)));
    }

    private sealed record TooManyRequestsReply(int RetryAfterSeconds) : StatusReply
    {
        internal override Task WriteAsync(HttpContext context, string provider, string jobId)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return IsPhantomFlow(provider)
                ? WriteJsonAsync(context, 429, Error("RATE_LIMIT_EXCEEDED", "Too many API requests in a given time window."))
                : WriteJsonAsync(context, 429, new JsonObject { ["success"] = false, ["message"] = "Too many requests" });
        }
    }

    private sealed record ServerErrorReply(int Status) : StatusReply
    {
        internal override Task WriteAsync(HttpContext context, string provider, string jobId) =>
            IsPhantomFlow(provider)
                ? WriteJsonAsync(context, Status, Error("INTERNAL_ERROR", "Internal server error"))
                : WriteJsonAsync(context, Status, new JsonObject { ["success"] = false, ["message"] = "Internal error" });
    }

    private sealed record NotFoundReply : StatusReply
    {
        // PhantomFlow documents 404 NOT_FOUND. JSON2Video, live, answers an unknown project with 400 and a leaked TypeError.
        internal override Task WriteAsync(HttpContext context, string provider, string jobId) =>
            IsPhantomFlow(provider)
                ? WriteJsonAsync(context, 404, Error("NOT_FOUND", "Job not found"))
                : WriteJsonAsync(context, 400, new JsonObject { ["success"] = false, ["message"] = "TypeError: Cannot read properties of null (reading 'success')" });
    }

    private sealed record SlowReply(TimeSpan Delay, StatusReply Then) : StatusReply
    {
        internal override async Task WriteAsync(HttpContext context, string provider, string jobId)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // The client gave up.
            }

            await Then.WriteAsync(context, provider, jobId);
        }
    }

    private sealed record HeldReply(Task Release, StatusReply Then) : StatusReply
    {
        internal override async Task WriteAsync(HttpContext context, string provider, string jobId)
        {
            try
            {
                await Release.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // The client gave up.
            }

            await Then.WriteAsync(context, provider, jobId);
        }
    }

    internal static JsonObject Error(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
}
