namespace RenderHooks.Providers.Json2Video;

/// <summary>The form fields <see cref="FormBodyReader"/> left out, counted, for one note in the delivery's archive.</summary>
internal sealed class FormFieldsLeftOut
{
    private int _deep;
    private string? _firstDeep;
    private int _long;

    public void Deep(string key)
    {
        _deep++;
        _firstDeep ??= key;
    }

    public void LongName() => _long++;

    /// <returns>What was left out, or null when nothing was.</returns>
    public string? Describe()
    {
        var deep = _deep switch
        {
            0 => null,
            1 => $"form field '{ReasonText.Quote(_firstDeep!)}' is nested deeper than {FormBodyReader.MaxKeyDepth} levels and was left out",
            _ => $"{_deep} form fields nested deeper than {FormBodyReader.MaxKeyDepth} levels were left out (the first: '{ReasonText.Quote(_firstDeep!)}')",
        };
        var longNames = _long switch
        {
            0 => null,
            1 => $"1 form field with a name over {FormBodyReader.MaxKeyLength} characters was left out",
            _ => $"{_long} form fields with names over {FormBodyReader.MaxKeyLength} characters were left out",
        };
        return deep is null ? longNames : longNames is null ? deep : deep + "; " + longNames;
    }
}
