namespace RenderHooks.Tests.Resilience;

/// <summary>
/// The long fault-injection tests (trait <c>Category=Resilience</c>): each starts its own Azurite and loads it with
/// hundreds to thousands of deliveries, so they run on their own, after the parallel tests, neither slowing the
/// others nor slowed by them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ResilienceCollection
{
    public const string Name = "Resilience";

    public const string Category = "Resilience";
}
