using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RenderHooks.Providers.Json2Video;

/// <summary>
/// Reads JSON2Video's webhook in its three shapes — the reference payload (every field a string, no status),
/// <c>{project, status, url, …}</c>, and <c>{success, movie: {…}}</c> — as JSON or as a urlencoded form.
/// </summary>
internal sealed class Json2VideoAdapter : IProviderAdapter
{
    /// <summary>
    /// The largest client data read, as sent: a job keeps at most 32 KiB of it as compact JSON (<c>ClientDataJson</c>),
    /// so only padding could make a larger value fit. A larger one is left out with a note.
    /// </summary>
    public const int MaxClientDataBytes = 256 * 1024;

    private static readonly string ClientDataTooLarge = $"client data over {MaxClientDataBytes} bytes was left out";
    private const string ClientDataUnpaired = "client data holding an unpaired surrogate escape was left out";

    public string Name => ProviderNames.Json2Video;

    public bool AcceptsMediaType(string mediaType) => MediaTypes.IsJson(mediaType) || MediaTypes.IsFormUrlEncoded(mediaType);

    public ParseResult Parse(ReadOnlyMemory<byte> body, string mediaType)
    {
        JsonDocument? document;
        string? reason;
        string? note = null;
        if (MediaTypes.IsJson(mediaType))
        {
            JsonBody.TryParseObject(body, out document, out reason);
        }
        else if (MediaTypes.IsFormUrlEncoded(mediaType))
        {
            FormBodyReader.TryRead(body, out document, out note, out reason);
        }
        else
        {
            return ParseResult.Failure(MediaTypes.UnsupportedReason(mediaType));
        }

        if (document is null)
        {
            return ParseResult.Failure(reason ?? "body could not be read");
        }

        using (document)
        {
            return Read(document.RootElement, note);
        }
    }

    private static ParseResult Read(JsonElement root, string? note)
    {
        var movie = LenientValue.Get(root, "movie");
        if (movie is { ValueKind: not JsonValueKind.Object })
        {
            return ParseResult.Failure("movie must be an object");
        }

        var fields = new Json2VideoFields(root, movie);
        return JobIdRules.TryRead(fields.Find("project"), "project", out var project, out var reason)
            ? Read(fields, project, note)
            : ParseResult.Failure(reason);
    }

    /// <summary>
    /// Reads the movie of a status answer about a project already known, in place, without a copy: every rule of the
    /// webhook but the one for <c>project</c>; the movie's own <c>success</c> flag counts, no envelope's.
    /// </summary>
    internal static ParseResult ReadMovie(JsonElement movie, string project) => Read(new Json2VideoFields(movie, null), project, null);

    private static ParseResult Read(Json2VideoFields fields, string project, string? note)
    {
        if (!Json2VideoOutcome.TryResolve(fields, out var outcome, out var reason))
        {
            return ParseResult.Failure(reason);
        }

        return ParseResult.Success(new RenderReport
        {
            Provider = ProviderNames.Json2Video,
            JobId = project,
            Status = outcome.Status,
            OutputUrl = outcome.OutputUrl,
            Error = outcome.Error,
            DurationSeconds = LenientValue.ReadDouble(fields.Find("duration")),
            Width = LenientValue.ReadInt32(fields.Find("width")),
            Height = LenientValue.ReadInt32(fields.Find("height")),
            SizeBytes = LenientValue.ReadInt64(fields.Find("size")),
            MovieId = ReadMovieId(fields.Find("id")),
            ClientData = ReadClientData(fields.Find("client-data"), ref note),
        }, note);
    }

    /// <summary>An object, or — since the document says every field arrives as a string — a string holding a JSON object.</summary>
    private static JsonObject? ReadClientData(JsonElement? value, ref string? note)
    {
        if (value is not { ValueKind: JsonValueKind.Object or JsonValueKind.String } data)
        {
            return null;
        }

        if (JsonMarshal.GetRawUtf8Value(data).Length > MaxClientDataBytes)
        {
            // Kept, it would be copied whole (about 12 bytes per JSON token) only to be left out of the job at 32 KiB.
            note = Append(note, ClientDataTooLarge);
            return null;
        }

        var (clientData, unpaired) = data.ValueKind == JsonValueKind.Object
            ? UnpairedSurrogates.Any(JsonMarshal.GetRawUtf8Value(data)) ? (null, true) : (JsonObject.Create(data.Clone()), false)
            : ReadClientDataString(data);
        if (unpaired)
        {
            // It could not be written to the job or an event: the writer refuses what is not valid UTF-16.
            note = Append(note, ClientDataUnpaired);
        }

        return clientData;
    }

    private static string Append(string? note, string more) => note is null ? more : note + "; " + more;

    /// <summary>
    /// A JSON object inside a JSON string, read from the string's bytes unescaped into a pooled buffer, not through a
    /// .NET string: null when the string does not hold an object (optional data is left out, the delivery not refused).
    /// </summary>
    private static (JsonObject? ClientData, bool Unpaired) ReadClientDataString(JsonElement text)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text);
        var buffer = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            var reader = new Utf8JsonReader(raw);
            reader.Read();
            var json = buffer.AsMemory(0, reader.CopyString(buffer));
            if (!json.Span.TrimStart(" \t\r\n"u8).StartsWith("{"u8))
            {
                return (null, false);
            }

            if (UnpairedSurrogates.Any(json.Span))
            {
                return (null, true);
            }

            using var document = JsonDocument.Parse(json, JsonBody.Options);
            return (JsonObject.Create(document.RootElement.Clone()), false);
        }
        catch (JsonException)
        {
            return (null, false); // Not JSON after all.
        }
        catch (InvalidOperationException)
        {
            return (null, true); // The string itself holds an unpaired surrogate escape.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? ReadMovieId(JsonElement? value) =>
        LenientValue.ReadText(value, int.MaxValue) is { } text && JobIdRules.TryValidate(text, "id", out var id, out _) ? id : null;
}
