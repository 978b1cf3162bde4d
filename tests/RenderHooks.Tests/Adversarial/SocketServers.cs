using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Adversarial;

/// <summary>
/// Two servers on real sockets shared by every case of a corpus (starting one per case would dominate its run time):
/// one without a queue consumer, for requests that must store nothing, and one with it, for requests that are
/// accepted and must then be archived. Started on first use; the tests of a class run one at a time.
/// </summary>
public sealed class SocketServers : IAsyncLifetime
{
    private SocketServer? _intakeOnly;
    private SocketServer? _pipeline;

    public async Task<SocketServer> IntakeOnlyAsync(AzuriteFixture azurite) =>
        _intakeOnly ??= await SocketServer.StartAsync(azurite, queueConsumer: false);

    public async Task<SocketServer> PipelineAsync(AzuriteFixture azurite) =>
        _pipeline ??= await SocketServer.StartAsync(azurite, queueConsumer: true);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_intakeOnly is not null)
        {
            await _intakeOnly.DisposeAsync();
        }

        if (_pipeline is not null)
        {
            await _pipeline.DisposeAsync();
        }
    }
}
