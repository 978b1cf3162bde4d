using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using RenderHooks.Providers;

namespace RenderHooks.Jobs;

/// <summary>Reads <c>{"provider": "json2video", "jobId": "JkGxEoPRF9EgRb32", "reference": "ord_42"}</c>; other properties are ignored.</summary>
internal static class JobRegistrationParser
{
    public const int MaxReferenceLength = 256;

    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out JobRegistration? registration, [NotNullWhen(false)] out string? reason)
    {
        try
        {
            return TryRead(json, out registration, out reason);
        }
        catch (InvalidOperationException)
        {
            // A name or value with an unpaired surrogate escape: the parser takes it, a .NET string cannot hold it.
            registration = null;
            reason = "The body is not valid JSON (a text has an unpaired surrogate escape).";
            return false;
        }
    }

    private static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out JobRegistration? registration, [NotNullWhen(false)] out string? reason)
    {
        registration = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            reason = "The body is not valid JSON.";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                reason = "The body must be a JSON object with provider, jobId and an optional reference.";
                return false;
            }

            var provider = Property(root, "provider");
            if (provider is not { ValueKind: JsonValueKind.String } || !ProviderNames.TryNormalize(provider.Value.GetString(), out var providerName))
            {
                reason = $"provider must be one of: {string.Join(", ", ProviderNames.All)}.";
                return false;
            }

            if (!JobIdRules.TryRead(Property(root, "jobId"), "jobId", out var jobId, out var jobIdProblem))
            {
                reason = jobIdProblem + ".";
                return false;
            }

            string? reference = null;
            var referenceValue = Property(root, "reference");
            if (referenceValue is { ValueKind: not JsonValueKind.Null } value)
            {
                if (value.ValueKind != JsonValueKind.String)
                {
                    reason = "reference must be a string.";
                    return false;
                }

                if (!LenientValue.TryGetString(value, out var text))
                {
                    reason = "reference contains invalid characters.";
                    return false;
                }

                reference = text.Trim();
                if (reference.Length > MaxReferenceLength || InvisibleCharacters.Any(reference))
                {
                    reason = $"reference must be at most {MaxReferenceLength} characters, without control or invisible format characters (such as bidi controls, zero-width characters or line separators).";
                    return false;
                }

                reference = reference.Length == 0 ? null : reference;
            }

            registration = new JobRegistration(providerName, jobId, reference);
            reason = null;
            return true;
        }
    }

    private static JsonElement? Property(JsonElement root, string name)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals(name) || string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
