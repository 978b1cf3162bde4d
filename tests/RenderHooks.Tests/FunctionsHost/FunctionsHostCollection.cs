namespace RenderHooks.Tests.FunctionsHost;

/// <summary>
/// The tests that run the Functions app under a real Functions host (trait <c>Category=FunctionsHost</c>). Each class
/// starts a host and its worker on an Azurite of its own, so they run one class at a time, after the parallel tests:
/// two hosts and their workers at once would slow the rest of the suite on a small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FunctionsHostCollection : ICollectionFixture<FunctionsApp>
{
    public const string Name = "FunctionsHost";

    public const string Category = "FunctionsHost";
}
