using System.Buffers.Text;
using System.Text;

namespace RenderHooks.Listing;

/// <summary>
/// The opaque <c>cursor</c> of a listing's next page: the Table service's continuation (the Azure SDK's continuation
/// token) with the query it continues, base64url-encoded. A cursor is taken only for the query it came from, so one
/// carried over to another query is refused as a bad parameter. The continuation itself is the service's (encoded keys
/// on Azure, plain ones on Azurite): only its shape is checked here, and a continuation storage refuses is answered as a
/// bad cursor by the listing.
/// </summary>
internal static class ListCursor
{
    private const string Version = "1";

    public static ListProblem NotHandedOut { get; } =
        new("cursor", "cursor is not one this listing handed out; start again without it, or follow the next link as given.");

    public static string Encode(string query, string continuation) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Version + "\n" + query + "\n" + continuation));

    /// <param name="value">The cursor as sent.</param>
    /// <param name="query">The canonical text of the query being asked (<c>ToCursorText</c> of the query).</param>
    /// <param name="continuation">The SDK's continuation token, or null for the first page.</param>
    /// <param name="problem">Why the cursor was refused.</param>
    public static bool TryDecode(string? value, string query, out string? continuation, out ListProblem? problem)
    {
        continuation = null;
        problem = null;
        if (value is null)
        {
            return true;
        }

        string text;
        try
        {
            text = value.Length is > 0 and <= ListParameters.MaxCursorLength
                ? new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(value))
                : string.Empty;
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            text = string.Empty;
        }

        var parts = text.Split('\n', 3);
        if (parts.Length != 3 || parts[0] != Version || parts[2].Length == 0 || parts[2].Any(char.IsControl))
        {
            problem = NotHandedOut;
            return false;
        }

        if (parts[1] != query)
        {
            problem = new ListProblem("cursor", "cursor belongs to another query; send it with the same parameters as the page it came from (the next link has them).");
            return false;
        }

        continuation = parts[2];
        return true;
    }
}
