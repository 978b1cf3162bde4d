using System.ComponentModel.DataAnnotations;
using RenderHooks.Storage;

namespace RenderHooks.Tests.Storage;

/// <summary>Queue and table names are checked when the host starts, before any SDK client is made with them.</summary>
public sealed class StorageNamesOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => Assert.Empty(Validate(new StorageNamesOptions()));

    [Theory]
    [InlineData("ab")]
    [InlineData("UPPER")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("under_score")]
    [InlineData("a-name-of-fifty-seven-characters-whose-poison-is-too-long")]
    public void DeliveriesQueue_Invalid_FailsNamingTheSetting(string name)
    {
        var result = Assert.Single(Validate(new StorageNamesOptions { DeliveriesQueue = name }));

        Assert.Contains(nameof(StorageNamesOptions.DeliveriesQueue), result.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1starts")]
    [InlineData("has-hyphen")]
    [InlineData("tables")]
    [InlineData("Tables")]
    public void JobsTable_Invalid_FailsNamingTheSetting(string name)
    {
        var result = Assert.Single(Validate(new StorageNamesOptions { JobsTable = name }));

        Assert.Contains(nameof(StorageNamesOptions.JobsTable), result.ErrorMessage, StringComparison.Ordinal);
    }

    private static List<ValidationResult> Validate(StorageNamesOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
