using Microsoft.Extensions.Logging;

namespace RenderHooks.Tests.Infrastructure;

/// <summary>One line <see cref="CapturedLogs"/> kept, with its level and event id, for tests that look for a stable event id.</summary>
public sealed record CapturedLog(LogLevel Level, EventId EventId, string Category, string Message, Exception? Exception);
