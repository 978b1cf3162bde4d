namespace RenderHooks.Tests.Docs;

/// <summary>
/// One setting an options class binds: its name as configuration spells it (a list's index written <c>{n}</c>), and
/// its default in code as the settings table writes it, or <see langword="null"/> where there is none.
/// </summary>
internal sealed record OptionsSetting(string Name, string? Default, string OptionsClass);
