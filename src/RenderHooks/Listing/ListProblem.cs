namespace RenderHooks.Listing;

/// <summary>Why a listing's query parameters were refused: the parameter, and what it must be.</summary>
public sealed record ListProblem(string Parameter, string Detail);
