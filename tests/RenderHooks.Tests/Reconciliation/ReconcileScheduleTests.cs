using System.ComponentModel.DataAnnotations;
using RenderHooks.Reconciliation;

namespace RenderHooks.Tests.Reconciliation;

public sealed class ReconcileScheduleTests
{
    [Theory]
    [InlineData("0 */5 * * * *")]
    [InlineData("*/10 * * * * *")]
    [InlineData(" 30 0 3 * * 1-5 ")]
    public void TryParse_SixFieldNcrontab_Parses(string expression)
    {
        Assert.True(ReconcileSchedule.TryParse(expression, out var schedule));
        Assert.Equal(expression.Trim(), schedule.Expression);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("*/5 * * * *")]
    [InlineData("00:05:00")]
    [InlineData("0 */5 * * * * *")]
    [InlineData("every five minutes")]
    public void TryParse_NotSixFieldNcrontab_Fails(string? expression)
    {
        Assert.False(ReconcileSchedule.TryParse(expression, out _));
    }

    [Fact]
    public void GetNextOccurrence_DefaultSchedule_NextFiveMinuteMarkInUtc()
    {
        Assert.True(ReconcileSchedule.TryParse("0 */5 * * * *", out var schedule));
        var after = new DateTimeOffset(2026, 11, 23, 10, 7, 30, TimeSpan.FromHours(2)); // 08:07:30 UTC

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 10, 0, TimeSpan.Zero), schedule.GetNextOccurrence(after));
    }

    [Fact]
    public void GetNextOccurrence_OnAnOccurrence_IsStrictlyLater()
    {
        Assert.True(ReconcileSchedule.TryParse("*/10 * * * * *", out var schedule));
        var at = new DateTimeOffset(2026, 11, 23, 8, 10, 0, TimeSpan.Zero);

        Assert.Equal(at.AddSeconds(10), schedule.GetNextOccurrence(at));
    }

    [Fact]
    public void Options_BadSchedule_FailsValidationNamingTheSetting()
    {
        var options = new ReconcileOptions { Schedule = "*/5 * * * *" };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains("RenderHooks:Reconcile:Schedule", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_Defaults_AreValid()
    {
        var options = new ReconcileOptions();
        var results = new List<ValidationResult>();

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Equal("0 */5 * * * *", options.Schedule);
        Assert.Equal(TimeSpan.FromMinutes(2), options.FirstCheckDelay);
        Assert.Equal(TimeSpan.FromHours(24), options.MaxAge);
    }
}
