namespace RenderHooks.Providers.Json2Video;

/// <summary>
/// Splits a form field's name into its bracket path in one pass, without recursion: <c>a[b][c]</c> → a, b, c;
/// <c>a[b][]</c> → a, b with <c>append</c>; a name that is not well-formed bracket syntax (<c>a[b</c>, <c>[b]</c>,
/// <c>a[][b]</c>, <c>a[b[c]]</c>) is one plain name. Each character is looked at once, and no segment past the depth
/// limit is copied.
/// </summary>
internal static class FormKeyPath
{
    /// <returns>False when <paramref name="key"/> is bracket syntax more than <paramref name="maxDepth"/> names deep.</returns>
    public static bool TrySplit(string key, int maxDepth, List<string> path, out bool append)
    {
        path.Clear();
        append = false;
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open <= 0 || key[^1] != ']')
        {
            path.Add(key);
            return true;
        }

        var depth = 1;
        var position = open;
        while (position < key.Length)
        {
            if (key[position] != '[')
            {
                return Plain(key, path, out append);
            }

            var close = key.AsSpan(position + 1).IndexOfAny('[', ']');
            if (close < 0 || key[position + 1 + close] == '[')
            {
                return Plain(key, path, out append);
            }

            close += position + 1;
            if (close == position + 1)
            {
                // "[]": an append, and only as the last pair.
                if (close != key.Length - 1)
                {
                    return Plain(key, path, out append);
                }

                append = true;
                break;
            }

            depth++;
            position = close + 1;
        }

        if (depth > maxDepth)
        {
            append = false;
            return false;
        }

        // Well-formed and within the limit: now copy the names, at most maxDepth of them.
        path.Add(key[..open]);
        for (var start = open; path.Count < depth; )
        {
            var close = key.IndexOf(']', start);
            path.Add(key[(start + 1)..close]);
            start = close + 1;
        }

        return true;
    }

    private static bool Plain(string key, List<string> path, out bool append)
    {
        append = false;
        path.Add(key);
        return true;
    }
}
