using RenderHooks.Tests.Deployment;

namespace RenderHooks.Tests.Docs;

/// <summary>
/// docs/configuration.md's settings table cannot drift from the options classes: the same setting names, and each
/// default it states is the property's default in code.
/// </summary>
public sealed class SettingsTableTests
{
    [Fact]
    public void EveryOptionsClassBoundInTheSources_IsFound()
    {
        var found = OptionsSettings.Classes().Keys.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(OptionsSettings.BoundInSources().Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheTable_NamesEverySettingOfTheOptionsClasses_AndNoOther()
    {
        var inCode = OptionsSettings.All().Select(s => s.Name).ToList();
        var inTable = SettingsTable.Rows(InfraFiles.Read(SettingsTable.Page)).Select(r => r.Name).ToList();

        Assert.Empty(inTable.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(inCode.Distinct().Order(StringComparer.Ordinal), inTable.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EachDefaultTheTableStates_IsTheDefaultInCode()
    {
        var inCode = OptionsSettings.All().ToDictionary(s => s.Name, StringComparer.Ordinal);
        var wrong = SettingsTable.Rows(InfraFiles.Read(SettingsTable.Page))
            .Where(row => inCode.ContainsKey(row.Name) && row.Default != inCode[row.Name].Default)
            .Select(row => $"{row.Name}: the table says {row.Default ?? "— (none)"}, {inCode[row.Name].OptionsClass} has {inCode[row.Name].Default ?? "none"}")
            .ToList();

        Assert.True(wrong.Count == 0, "Defaults that differ:\n" + string.Join('\n', wrong));
    }
}
