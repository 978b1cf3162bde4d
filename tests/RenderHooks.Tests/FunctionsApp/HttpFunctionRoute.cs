using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace RenderHooks.Tests.FunctionsApp;

/// <summary>An HTTP function's route as the worker declares it to the host: the template (with the route prefix), its methods and its auth level.</summary>
public sealed record HttpFunctionRoute(string Name, string Template, IReadOnlyList<string> Methods, string AuthLevel)
{
    private readonly TemplateMatcher _matcher = new(TemplateParser.Parse(Template), new RouteValueDictionary());

    public bool Serves(string method) => Methods.Contains(method, StringComparer.OrdinalIgnoreCase);

    /// <summary>Matches a request path, filling <paramref name="values"/> with the route's parameters.</summary>
    public bool TryMatch(PathString path, RouteValueDictionary values) => _matcher.TryMatch(path, values);
}
