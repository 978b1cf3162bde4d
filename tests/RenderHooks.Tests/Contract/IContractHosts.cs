namespace RenderHooks.Tests.Contract;

/// <summary>Starts hosts of one kind for a contract class: each test gets a host of its own.</summary>
public interface IContractHosts
{
    /// <summary>
    /// Starts a host on the shared Azurite, with the test tokens (<c>ServerFactory.Token</c>, <c>SecondToken</c>) and
    /// these settings over the defaults, and waits until its storage is ready. With <paramref name="connectionString"/>,
    /// on that storage instead, without waiting (a case whose storage does not answer).
    /// </summary>
    Task<IContractHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, string? connectionString = null);
}
