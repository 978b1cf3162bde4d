using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace RenderHooks.Server.Startup;

/// <summary>
/// The one line a failed start prints when the cause is the operator's to fix — a setting refused by validation, a
/// storage setting missing or malformed, an address already in use — saying what is wrong and how to fix it. Any
/// other exception is a bug and is not described here: it keeps its stack trace.
/// </summary>
internal static partial class StartupFailure
{
    /// <summary>Exit code of a start refused for a setting or a taken address (a bug ends as the runtime ends it, 134).</summary>
    public const int ExitCode = 1;

    private const string Prefix = "RenderHooks cannot start: ";

    /// <summary>
    /// Whether the server is the process (<c>dotnet RenderHooks.Server.dll</c>), whose stderr and exit code the line is
    /// for; not when a test host such as WebApplicationFactory calls its entry point and needs the exception.
    /// </summary>
    public static bool IsTheProcess => Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;

    /// <summary>The line for <paramref name="exception"/>, or null when it is not a known start-up failure.</summary>
    public static string? Describe(Exception exception) => Reason(exception) is { } reason ? Prefix + reason : null;

    private static string? Reason(Exception exception) => exception switch
    {
        OptionsValidationException options => string.Join(" ", options.Failures.Select(f => Unwrap(options.OptionsType, f)))
            + " Fix the setting in appsettings.json or its environment variable ('__' for ':') and start again.",
        StorageSettingException storage => storage.Message,
        IOException { InnerException: AddressInUseException } bind => bind.Message
            + " Stop what listens there, or listen on another address: ASPNETCORE_URLS=http://localhost:7072 (or --urls).",

        // Several options classes refused at once (the start-up validator throws them together).
        AggregateException { InnerExceptions.Count: > 0 } all => all.InnerExceptions.Select(Reason).ToList() is var reasons && reasons.TrueForAll(r => r is not null)
            ? string.Join(" ", reasons)
            : null,
        _ => null,
    };

    /// <summary>
    /// "DataAnnotation validation failed for 'X' members: 'Y' with the error: 'Z'." says only Z to an operator when Z
    /// names the setting (our validators' messages do); otherwise Z with the options class and member it is about.
    /// </summary>
    private static string Unwrap(Type optionsType, string failure)
    {
        var match = DataAnnotationFailure().Match(failure);
        var text = (match.Success ? match.Groups["error"].Value : failure).ReplaceLineEndings(" ").Trim();
        if (!text.EndsWith('.'))
        {
            text += ".";
        }

        return match.Success && !text.Contains("RenderHooks:", StringComparison.Ordinal)
            ? $"{text} ({optionsType.Name}.{match.Groups["member"].Value})"
            : text;
    }

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '(?<member>[^']*)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DataAnnotationFailure();
}
