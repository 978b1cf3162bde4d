extern alias tool;

using TextTable = tool::RenderHooks.Tool.TextTable;

namespace RenderHooks.Tests.Tool;

public sealed class TextTableTests
{
    [Fact]
    public void Rows_AlignedUnderTheirHeaders_LastColumnUnpadded_AbsentAsDash()
    {
        var table = new TextTable("A", "BB", "REASON");
        table.Add("long value", null, "why");
        table.Add("x", "y", null);
        using var output = new StringWriter();

        table.WriteTo(output);

        Assert.Equal(
            ["A           BB  REASON", "long value  -   why", "x           y   -"],
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void ControlCharacters_PrintedAsQuestionMarks_NoTerminalEscapeGetsThrough()
    {
        var table = new TextTable("REASON");
        table.Add("bad\u001b[31mred\r\nline\u0007");
        using var output = new StringWriter();

        table.WriteTo(output);

        Assert.Equal("bad?[31mred??line?", output.ToString().Split(Environment.NewLine)[1]);
    }
}
