using RenderHooks.Events;

namespace RenderHooks.Tests.Events;

public sealed class EventIdsTests
{
    /// <summary>
    /// Consumers deduplicate on <c>eventId</c> across redeliveries, crashes, hosts and versions: an id must never change
    /// once published. These were computed once, from the code as it was in December 2026, and are pinned here as
    /// literals. If this test fails, the change breaks every consumer's dedupe (each state would be seen again, as new):
    /// restore the old computation; a new one needs a new version prefix and a plan for consumers.
    /// </summary>
    [Theory]
    [InlineData("phantomflow", "a1b2c3d4-e5f6-7890-abcd-ef1234567890", "completed", false, "d85b45c2d40262f83af5aeed8388102b")]
    [InlineData("phantomflow", "a1b2c3d4-e5f6-7890-abcd-ef1234567890", "completed", true, "c894b360fa963c923062904bba61c4da")]
    [InlineData("phantomflow", "a1b2c3d4-e5f6-7890-abcd-ef1234567890", "failed", false, "3c5323a89976a4dcd1105e4bd478df36")]
    [InlineData("json2video", "JkGxEoPRF9EgRb32", "completed", false, "fe043df2e14fcb13e59a37641e3d6fd8")]
    [InlineData("json2video", "JkGxEoPRF9EgRb32", "failed", true, "eab07cf028304083709f1b24a45a0f7a")]
    [InlineData("json2video", "proj/é 😀", "completed", false, "b0fe30fed175f0b49bde95e4063e930c")]
    public void For_KnownStates_IdsNeverChange(string provider, string jobId, string status, bool verified, string expected) =>
        Assert.Equal(expected, EventIds.For(provider, jobId, status, verified));

    [Fact]
    public void For_SameState_SameIdEveryTime() =>
        Assert.Equal(EventIds.For("json2video", "JkGxEoPRF9EgRb32", "completed", false), EventIds.For("json2video", "JkGxEoPRF9EgRb32", "completed", false));

    [Fact]
    public void For_AnyPartDiffers_DifferentId()
    {
        string[] ids =
        [
            EventIds.For("json2video", "JkGxEoPRF9EgRb32", "completed", false),
            EventIds.For("phantomflow", "JkGxEoPRF9EgRb32", "completed", false),
            EventIds.For("json2video", "JkGxEoPRF9EgRb33", "completed", false),
            EventIds.For("json2video", "JkGxEoPRF9EgRb32", "failed", false),
            EventIds.For("json2video", "JkGxEoPRF9EgRb32", "completed", true),
        ];

        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
    }
}
