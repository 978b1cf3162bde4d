using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using RenderHooks.Server.Queues;
using RenderHooks.Storage;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Server;

/// <summary>
/// The server's lease on a message in process, against Azurite's real visibility and pop receipts. The lease's clock
/// is a fake one the test moves (<see cref="ObservedClock"/>): each renewal happens when the test says, and what it
/// did is read from Azurite's answers, so nothing depends on how long anything takes.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class MessageLeaseTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RenewEvery = Lease / 3;

    private readonly RenewalRecorder _renewals = new();
    private QueueClient _queue = null!;

    public async Task InitializeAsync()
    {
        // The pipeline's own queue options (service version, base64), plus a policy that keeps Azurite's answers to renewals.
        var options = StorageClientDefaults.Queues(StorageClientDefaults.StandardRetry, _ => Task.CompletedTask);
        options.AddPolicy(_renewals, HttpPipelinePosition.PerCall);
        _queue = azurite.Account.CreateQueueServiceClient(options).GetQueueClient(azurite.UniqueName("lease"));
        await _queue.CreateIfNotExistsAsync();
        await _queue.SendMessageAsync(BinaryData.FromString("work"));
    }

    public Task DisposeAsync() => _queue.DeleteIfExistsAsync();

    [Fact]
    public async Task Lease_RenewedForAWholeLeaseLength_MessageStaysHiddenKeepsItsBodyAndFreshReceiptDeletesIt()
    {
        var clock = new ObservedClock();
        var message = await ReceiveAsync();
        using var lease = new MessageLease(_queue, message, Lease, clock, NullLogger.Instance, CancellationToken.None);

        // Three renewals: the lease's whole length on its clock.
        for (var renewal = 1; renewal <= 3; renewal++)
        {
            await Eventually.GetAsync(() => Task.FromResult(clock.Scheduled.Count(d => d == RenewEvery)), n => n >= renewal, $"renewal {renewal} to be scheduled");
            clock.Advance(RenewEvery);
            await Eventually.GetAsync(() => Task.FromResult(_renewals.Answers.Count), count => count >= renewal, $"renewal {renewal}");
        }

        var answers = _renewals.Answers.ToList();
        Assert.Equal(3, answers.Count);
        Assert.All(answers, a => Assert.Equal(204, a.Status));
        // Each renewal hid the message for a whole lease from then: beyond what the receive hid it for (a sixth of a
        // lease), by 25 s at least (times are in whole seconds), and no earlier than the renewal before it did.
        Assert.True(answers[0].NextVisibleOn - message.NextVisibleOn >= TimeSpan.FromSeconds(24), $"{answers[0].NextVisibleOn:O} against {message.NextVisibleOn:O}");
        Assert.True(answers[1].NextVisibleOn >= answers[0].NextVisibleOn && answers[2].NextVisibleOn >= answers[1].NextVisibleOn);
        Assert.Equal(4, answers.Select(a => a.PopReceipt).Append(message.PopReceipt).Distinct().Count()); // a new receipt each time
        Assert.Empty(await _queue.PeekBodiesAsync());

        var popReceipt = await lease.StopAsync();
        Assert.False(lease.Lost);
        Assert.Equal(answers[^1].PopReceipt, popReceipt);
        Assert.NotEqual(message.PopReceipt, popReceipt);

        // The receipt the message was received with is spent: only the lease's fresh one still works.
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero));
        Assert.Equal((400, "PopReceiptMismatch"), (stale.Status, stale.ErrorCode));

        // A renewal changes the visibility only: shown again, the message has its body.
        UpdateReceipt shown = await _queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: TimeSpan.Zero);
        Assert.Equal("work", Assert.Single(await _queue.PeekBodiesAsync()).ToString());
        await _queue.DeleteMessageAsync(message.MessageId, shown.PopReceipt);
        Assert.Equal(0, await _queue.CountAsync());
    }

    [Fact]
    public async Task Lease_MessageDeletedUnderIt_ReportedLostAtTheNextRenewal()
    {
        var clock = new ObservedClock();
        var message = await ReceiveAsync();
        using var lease = new MessageLease(_queue, message, Lease, clock, NullLogger.Instance, CancellationToken.None);

        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        await clock.WaitForWaitAsync(RenewEvery, "the first renewal to be scheduled");
        Assert.False(lease.Lost);
        clock.Advance(RenewEvery);
        await Eventually.GetAsync(() => Task.FromResult(lease.Lost), lost => lost, "the lease to be lost");
        await lease.StopAsync();

        Assert.True(lease.Lost);
        Assert.Equal(404, Assert.Single(_renewals.Answers).Status);
    }

    /// <summary>Receives the message hidden for a sixth of a lease only, so that what the lease's renewals add shows.</summary>
    private async Task<QueueMessage> ReceiveAsync() => Assert.Single((await _queue.ReceiveMessagesAsync(1, Lease / 6)).Value);

    /// <summary>Azurite's answer to each Update Message (a lease renewal): status, new pop receipt, next visible time.</summary>
    private sealed class RenewalRecorder : HttpPipelinePolicy
    {
        public ConcurrentQueue<(int Status, string? PopReceipt, DateTimeOffset? NextVisibleOn)> Answers { get; } = new();

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            Record(message);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            Record(message);
        }

        private void Record(HttpMessage message)
        {
            if (message.Request.Method != RequestMethod.Put || !message.Request.Uri.Query.Contains("popreceipt=", StringComparison.Ordinal) || !message.HasResponse)
            {
                return;
            }

            var response = message.Response;
            response.Headers.TryGetValue("x-ms-popreceipt", out var popReceipt);
            DateTimeOffset? nextVisible = response.Headers.TryGetValue("x-ms-time-next-visible", out var text) && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            Answers.Enqueue((response.Status, popReceipt, nextVisible));
        }
    }
}
