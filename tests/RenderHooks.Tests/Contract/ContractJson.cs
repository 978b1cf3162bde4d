using System.Text.Json;

namespace RenderHooks.Tests.Contract;

/// <summary>
/// The JSON conventions every answer of both hosts follows (RenderHooksJson, applied by each host to its HTTP JSON
/// options), and the problem body both hosts write (ASP.NET Core's problem details service, which adds <c>traceId</c>).
/// </summary>
public static class ContractJson
{
    /// <summary>Absent values omitted, never <c>null</c>; instants (<c>…At</c>) in UTC with <c>Z</c>.</summary>
    public static void AssertConventions(JsonElement body)
    {
        switch (body.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in body.EnumerateObject())
                {
                    Assert.True(member.Value.ValueKind != JsonValueKind.Null, $"'{member.Name}' is null; absent values are omitted.");
                    if (member.Name.EndsWith("At", StringComparison.Ordinal))
                    {
                        Assert.EndsWith("Z", member.Value.GetString(), StringComparison.Ordinal);
                    }

                    AssertConventions(member.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in body.EnumerateArray())
                {
                    AssertConventions(item);
                }

                break;
        }
    }

    /// <summary>A problem (RFC 9457) with the status, a title, and the request's trace id.</summary>
    public static void AssertProblem(JsonElement problem, int status)
    {
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }
}
