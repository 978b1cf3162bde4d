using RenderHooks.Events;

namespace RenderHooks.Tests.Events;

public sealed class EventIdsTests
{
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
