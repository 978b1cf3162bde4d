using System.Text.Json;

namespace RenderHooks.Providers.Json2Video;

/// <summary>
/// Field lookup across JSON2Video's shapes: inside <c>movie</c> first when there is one, then at the root;
/// <c>client-data</c> is also found under its schema spelling <c>client_data</c>.
/// </summary>
internal readonly struct Json2VideoFields(JsonElement root, JsonElement? movie)
{
    public JsonElement? Find(string name)
    {
        var alternate = name == "client-data" ? "client_data" : null;
        foreach (var scope in movie is { } m ? [m, root] : (JsonElement[])[root])
        {
            if (LenientValue.Get(scope, name) is { } value)
            {
                return value;
            }

            if (alternate is not null && LenientValue.Get(scope, alternate) is { } other)
            {
                return other;
            }
        }

        return null;
    }

    /// <summary>Every <c>success</c> flag present, the movie's and the envelope's.</summary>
    public IEnumerable<bool> SuccessFlags()
    {
        if (movie is { } m && LenientValue.ReadBoolean(LenientValue.Get(m, "success")) is { } movieSuccess)
        {
            yield return movieSuccess;
        }

        if (LenientValue.ReadBoolean(LenientValue.Get(root, "success")) is { } rootSuccess)
        {
            yield return rootSuccess;
        }
    }
}
