using Azure.Data.Tables;
using RenderHooks.Jobs;
using RenderHooks.Processing;
using RenderHooks.Tests.Infrastructure;

namespace RenderHooks.Tests.Processing;

/// <summary>A delivery whose odd client data is partly left out still counts, and its archive says what was left out.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PartlyReadDeliveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Json2VideoFormWithAKeyTooDeep_Processed_RecordedAndArchivedWithTheNote()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var project = TestPayloads.NewJson2VideoProject();
        var body = TestPayloads.Json2VideoCompletedForm(project) + "&client-data[a][b][c][d][e][f][g][h]=deep";
        const string note = "form field 'client-data[a][b][c][d][e][f][g][h]' is nested deeper than 8 levels and was left out";

        var accepted = await pipeline.PostAsync("json2video", body, "application/x-www-form-urlencoded");
        var result = await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        Assert.Equal(ProcessingOutcome.Recorded, result.Outcome);
        Assert.Equal(note, result.Reason);
        var e = Assert.Single(await pipeline.PeekEventsAsync());
        Assert.Equal("render.completed", e.GetProperty("type").GetString());
        Assert.Equal("ord_42", e.GetProperty("clientData").GetProperty("order_id").GetString());
        Assert.False(e.GetProperty("clientData").TryGetProperty("a", out _));

        var found = await pipeline.Storage.DeliveriesTable.GetEntityIfExistsAsync<TableEntity>(JobKeys.DeliveriesPartition("json2video", project), accepted.DeliveryId!);
        Assert.True(found.HasValue);
        var archived = found.Value!;
        Assert.Equal("Recorded", archived.GetString("Outcome"));
        Assert.Equal(note, archived.GetString("Reason"));
        Assert.Equal(TestPayloads.Utf8(body), archived.GetBinary("Body"));
    }

    [Fact]
    public async Task Json2VideoFormReadWhole_Processed_ArchivedWithoutAReason()
    {
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var project = TestPayloads.NewJson2VideoProject();

        var accepted = await pipeline.PostAsync("json2video", TestPayloads.Json2VideoCompletedForm(project), "application/x-www-form-urlencoded");
        var result = await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        Assert.Equal(ProcessingOutcome.Recorded, result.Outcome);
        Assert.Null(result.Reason);
        var found = await pipeline.Storage.DeliveriesTable.GetEntityIfExistsAsync<TableEntity>(JobKeys.DeliveriesPartition("json2video", project), accepted.DeliveryId!);
        Assert.True(found.HasValue);
        var archived = found.Value!;
        Assert.Null(archived.GetString("Reason"));
    }

    [Fact]
    public async Task ClientDataWithAnUnpairedSurrogate_Processed_RecordedWithoutItAndArchivedWithTheNote()
    {
        // Before, writing this client data to the job threw: every attempt failed and the delivery was poisoned unarchived.
        await using var pipeline = await PipelineHarness.CreateAsync(azurite);
        var project = TestPayloads.NewJson2VideoProject();
        var body = $$$"""{"project":"{{{project}}}","url":"https://a.example/m.mp4","client-data":{"order_id":"ord\uD800"}}""";

        var accepted = await pipeline.PostAsync("json2video", body);
        var result = await pipeline.ProcessAsync(Assert.Single(await pipeline.ReceiveDeliveriesAsync()));

        Assert.Equal(ProcessingOutcome.Recorded, result.Outcome);
        var e = Assert.Single(await pipeline.PeekEventsAsync());
        Assert.False(e.TryGetProperty("clientData", out _));
        var found = await pipeline.Storage.DeliveriesTable.GetEntityIfExistsAsync<TableEntity>(JobKeys.DeliveriesPartition("json2video", project), accepted.DeliveryId!);
        Assert.True(found.HasValue);
        var archived = found.Value!;
        Assert.Equal("client data holding an unpaired surrogate escape was left out", archived.GetString("Reason"));
    }
}
