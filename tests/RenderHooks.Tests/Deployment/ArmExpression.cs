using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace RenderHooks.Tests.Deployment;

/// <summary>
/// Evaluates what <c>bicep snapshot</c> leaves unevaluated: ARM template expressions (<c>"[…]"</c>) that depend on a
/// secure parameter (the snapshot does not read those) or on a value only known once resources exist
/// (<c>reference(…)</c>). Secure parameters and the variables the test supplies are read; a runtime value becomes the
/// text <c>runtime:reference(&lt;resource id&gt;).&lt;property&gt;</c>, so a test can say which resource's which property a
/// setting will hold. Only the functions these templates use are known: any other fails with its name.
/// </summary>
internal sealed class ArmExpression
{
    public const string RuntimePrefix = "runtime:";

    private readonly IReadOnlyDictionary<string, JsonNode?> _parameters;
    private readonly IReadOnlyDictionary<string, JsonNode?> _variables;
    private readonly string _text;
    private int _position;

    private ArmExpression(string text, IReadOnlyDictionary<string, JsonNode?> parameters, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        _text = text;
        _parameters = parameters;
        _variables = variables;
    }

    /// <summary>A copy of <paramref name="node"/> with every expression string evaluated, recursively.</summary>
    public static JsonNode? EvaluateAll(JsonNode? node, IReadOnlyDictionary<string, JsonNode?> parameters, IReadOnlyDictionary<string, JsonNode?> variables) =>
        node switch
        {
            JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, EvaluateAll(p.Value, parameters, variables)))),
            JsonArray a => new JsonArray(a.Select(e => EvaluateAll(e, parameters, variables)).ToArray()),
            JsonValue v when v.TryGetValue<string>(out var s) && IsExpression(s) => Evaluate(s, parameters, variables),
            JsonValue v when v.TryGetValue<string>(out var s) && s.StartsWith("[[", StringComparison.Ordinal) => JsonValue.Create(s[1..]),
            _ => node?.DeepClone(),
        };

    public static bool IsExpression(string text) =>
        text.Length >= 2 && text[0] == '[' && text[^1] == ']' && !text.StartsWith("[[", StringComparison.Ordinal);

    public static JsonNode? Evaluate(string expression, IReadOnlyDictionary<string, JsonNode?> parameters, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        var parser = new ArmExpression(expression[1..^1], parameters, variables);
        var value = parser.ParseExpression();
        parser.SkipSpaces();
        if (parser._position != parser._text.Length)
        {
            throw new FormatException($"Unexpected text at {parser._position} in {expression}");
        }

        return value;
    }

    /// <summary>A runtime value's text: <c>runtime:reference(&lt;id&gt;).&lt;path&gt;</c>.</summary>
    public static string Runtime(string resourceId, string propertyPath) => $"{RuntimePrefix}reference({resourceId}).{propertyPath}";

    private JsonNode? ParseExpression()
    {
        SkipSpaces();
        var value = ParsePrimary();
        while (true)
        {
            if (TryTake('.'))
            {
                var property = ParseIdentifier();
                value = Property(value, property);
            }
            else if (TryTake('['))
            {
                var index = ParseExpression();
                Expect(']');
                value = index is JsonValue v && v.TryGetValue<int>(out var i) ? ((JsonArray)value!)[i] : Property(value, Text(index));
            }
            else
            {
                return value;
            }
        }
    }

    private JsonNode? ParsePrimary()
    {
        SkipSpaces();
        var c = _text[_position];
        if (c == '\'')
        {
            return JsonValue.Create(ParseString());
        }

        if (char.IsDigit(c) || c == '-')
        {
            var start = _position++;
            while (_position < _text.Length && char.IsDigit(_text[_position]))
            {
                _position++;
            }

            return JsonValue.Create(long.Parse(_text[start.._position], CultureInfo.InvariantCulture));
        }

        var name = ParseIdentifier();
        Expect('(');
        var arguments = new List<JsonNode?>();
        SkipSpaces();
        if (!TryTake(')'))
        {
            do
            {
                arguments.Add(ParseExpression());
                SkipSpaces();
            }
            while (TryTake(','));
            Expect(')');
        }

        return Call(name, arguments);
    }

    private JsonNode? Call(string name, List<JsonNode?> a) => name.ToLowerInvariant() switch
    {
        "parameters" => _parameters.TryGetValue(Text(a[0]), out var p) ? p?.DeepClone() : throw new KeyNotFoundException($"No value for parameter {Text(a[0])}."),
        "variables" => _variables.TryGetValue(Text(a[0]), out var v) ? v?.DeepClone() : throw new KeyNotFoundException($"Variable {Text(a[0])} is not supplied to the evaluator."),
        "createobject" => new JsonObject(Enumerable.Range(0, a.Count / 2).Select(i => KeyValuePair.Create(Text(a[2 * i]), a[(2 * i) + 1]?.DeepClone()))),
        "createarray" => new JsonArray(a.Select(x => x?.DeepClone()).ToArray()),
        "union" => a.Aggregate((JsonNode?)new JsonObject(), (left, right) => Merge(left, right)),
        "if" => Bool(a[0]) ? a[1] : a[2],
        "empty" => JsonValue.Create(a[0] is null || (a[0] is JsonObject o && o.Count == 0) || (a[0] is JsonArray r && r.Count == 0) || (a[0] is JsonValue s && s.TryGetValue<string>(out var t) && t.Length == 0)),
        "not" => JsonValue.Create(!Bool(a[0])),
        "and" => JsonValue.Create(a.All(Bool)),
        "or" => JsonValue.Create(a.Any(Bool)),
        "equals" => JsonValue.Create(JsonNode.DeepEquals(a[0], a[1])),
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        "null" => null,
        "concat" => JsonValue.Create(string.Concat(a.Select(Text))),
        "format" => JsonValue.Create(Format(Text(a[0]), a.Skip(1).Select(Text).ToArray())),
        "tolower" => JsonValue.Create(Text(a[0]).ToLowerInvariant()),
        "string" => JsonValue.Create(Text(a[0])),
        "extensionresourceid" => JsonValue.Create($"{Text(a[0])}/providers/{Text(a[1])}/{string.Join('/', a.Skip(2).Select(Text))}"),
        "guid" => JsonValue.Create($"{RuntimePrefix}guid({string.Join(", ", a.Select(Text))})"),
        "reference" => JsonValue.Create($"{RuntimePrefix}reference({Text(a[0])})"),
        _ => throw new NotSupportedException($"ArmExpression does not know the function '{name}': teach it."),
    };

    private static JsonNode? Property(JsonNode? value, string property) => value switch
    {
        JsonObject o => o.TryGetPropertyValue(property, out var p) ? p : throw new KeyNotFoundException($"No property {property}."),
        JsonValue v when v.TryGetValue<string>(out var s) && s.StartsWith(RuntimePrefix, StringComparison.Ordinal) => JsonValue.Create($"{s}.{property}"),
        _ => throw new InvalidOperationException($"Cannot read property {property} of {value?.ToJsonString() ?? "null"}."),
    };

    private static JsonNode? Merge(JsonNode? left, JsonNode? right)
    {
        if (left is JsonObject l && right is JsonObject r)
        {
            var merged = (JsonObject)l.DeepClone();
            foreach (var (key, value) in r)
            {
                merged[key] = merged[key] is JsonObject && value is JsonObject ? Merge(merged[key], value) : value?.DeepClone();
            }

            return merged;
        }

        return right?.DeepClone();
    }

    private static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b)
        ? b
        : throw new InvalidOperationException($"Not a boolean: {node?.ToJsonString() ?? "null"}");

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static string Format(string format, string[] arguments)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] == '{' && i + 1 < format.Length && char.IsDigit(format[i + 1]))
            {
                var end = format.IndexOf('}', i);
                builder.Append(arguments[int.Parse(format[(i + 1)..end], CultureInfo.InvariantCulture)]);
                i = end;
            }
            else
            {
                builder.Append(format[i]);
            }
        }

        return builder.ToString();
    }

    private string ParseString()
    {
        Expect('\'');
        var builder = new StringBuilder();
        while (true)
        {
            var c = _text[_position++];
            if (c == '\'')
            {
                if (_position < _text.Length && _text[_position] == '\'')
                {
                    builder.Append('\'');
                    _position++;
                    continue;
                }

                return builder.ToString();
            }

            builder.Append(c);
        }
    }

    private string ParseIdentifier()
    {
        SkipSpaces();
        var start = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }

        if (start == _position)
        {
            throw new FormatException($"Expected a name at {start} in [{_text}]");
        }

        return _text[start.._position];
    }

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private bool TryTake(char c)
    {
        SkipSpaces();
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryTake(c))
        {
            throw new FormatException($"Expected '{c}' at {_position} in [{_text}]");
        }
    }
}
