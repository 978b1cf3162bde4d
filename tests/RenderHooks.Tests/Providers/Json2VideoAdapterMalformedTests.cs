using System.Text.Json.Nodes;
using RenderHooks.Providers;
using RenderHooks.Providers.Json2Video;

namespace RenderHooks.Tests.Providers;

public class Json2VideoAdapterMalformedTests
{
    private readonly Json2VideoAdapter _adapter = new();

    public static TheoryData<string, string> RefusedJson => new()
    {
        { "", "body is empty" },
        { "{}", "missing project" },
        { "[]", "JSON root must be an object, not an array" },
        { "\"JkGxEoPRF9EgRb32\"", "JSON root must be an object, not a string" },
        { "null", "JSON root must be an object, not null" },
        { """{"project":"P1","url":"https://a.example/m.mp4" """, "body is not valid JSON (line 1, byte 49)" },
        { """{"project":"P1","project":"P2"}""", "duplicate property 'project' makes the payload ambiguous" },
        { """{"project":"P1","client-data":{"k":1,"k":2}}""", "duplicate property 'k' makes the payload ambiguous" },
        { """{"project":"P1","movie":{"status":"done","status":"error"}}""", "duplicate property 'status' makes the payload ambiguous" },
        { """{"project":12345}""", "project must be a string" },
        { """{"project":null}""", "missing project" },
        { """{"project":""}""", "missing project (empty)" },
        { """{"project":"  "}""", "missing project (empty)" },
        { """{"project":"P\u0000"}""", "project contains control characters" },
        { """{"project":"P1","movie":"done"}""", "movie must be an object" },
        { """{"project":"P1","movie":[]}""", "movie must be an object" },
        { """{"success":true,"movie":{"status":"done"}}""", "missing project" },
        { """{"project":"P1","status":"pending"}""", "non-terminal status 'pending'" },
        { """{"project":"P1","status":"running"}""", "non-terminal status 'running'" },
        { """{"project":"P1","status":"RUNNING","url":""}""", "non-terminal status 'RUNNING'" },
        { """{"success":true,"movie":{"project":"P1","status":"running"}}""", "non-terminal status 'running'" },
        { """{"project":"P1","status":"queued"}""", "unknown status 'queued'" },
        { """{"project":"P1","status":"finished\u200F"}""", "unknown status 'finished?'" },
        { """{"project":"P1","status":1}""", "status must be a string" },
        { """{"project":"P1","status":true}""", "status must be a string" },
    };

    [Theory]
    [MemberData(nameof(RefusedJson))]
    public void Parse_MalformedJson_FailsWithReason(string json, string reason)
    {
        var result = _adapter.Parse(PayloadFile.Utf8(json), "application/json");

        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Reason);
    }

    public static TheoryData<string, string> RefusedForms => new()
    {
        { "", "body is empty" },
        { "&&", "missing project" },
        { "url=https%3A%2F%2Fa.example%2Fm.mp4", "missing project" },
        { "project=", "missing project (empty)" },
        { "project=P1&project=P2", "duplicate form field 'project' makes the payload ambiguous" },
        { "project=P%00", "project contains control characters" },
        { "project=P1&status=running", "non-terminal status 'running'" },
        { "project=P1&movie=x", "movie must be an object" },
    };

    [Theory]
    [InlineData("project=P1&url=https%3A%2F%2Fa.example%2Fm.mp4&client-data[k]=1&client-data[k]=2", """{"k":"1"}""")]
    [InlineData("project=P1&url=https%3A%2F%2Fa.example%2Fm.mp4&client-data[tags][]=a&client-data[tags][]=b", """{"tags":["a","b"]}""")]
    [InlineData("project=P1&url=https%3A%2F%2Fa.example%2Fm.mp4&client-data=x&client-data[k]=1", null)]
    [InlineData("project=P1&url=https%3A%2F%2Fa.example%2Fm.mp4&client-data=%7B%22order_id%22%3A%22ord_42%22%7D", """{"order_id":"ord_42"}""")]
    public void Parse_OddClientDataInForm_DeliveryKeptWithWhatCanBeRead(string form, string? clientData)
    {
        var result = _adapter.Parse(PayloadFile.Utf8(form), "application/x-www-form-urlencoded");

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal("P1", result.Report.JobId);
        Assert.Equal(RenderStatus.Completed, result.Report.Status);
        Assert.True(JsonNode.DeepEquals(clientData is null ? null : JsonNode.Parse(clientData), result.Report.ClientData));
    }

    [Theory]
    [InlineData("\"\\uD800\"")]
    [InlineData("\"{\\\"a\\\":\\\"\\uDC00\\\"}\"")]
    [InlineData("{\"a\":\"\\uD800\"}")]
    [InlineData("{\"a\":[\"x\\uDC00y\"]}")]
    public void Parse_ClientDataWithAnUnpairedSurrogateEscape_DeliveryKeptWithoutItAndANote(string clientData)
    {
        var result = _adapter.Parse(PayloadFile.Utf8($$"""{"project":"P1","url":"https://a.example/m.mp4","client-data":{{clientData}}}"""), "application/json");

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Null(result.Report.ClientData);
        Assert.Equal("client data holding an unpaired surrogate escape was left out", result.Note);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Parse_ClientDataOverTheLimit_LeftOutWithANote(bool asString)
    {
        var big = "{" + string.Join(',', Enumerable.Range(0, Json2VideoAdapter.MaxClientDataBytes / 8).Select(i => $"\"k{i:x5}\":0")) + "}";
        var value = asString ? System.Text.Json.JsonSerializer.Serialize(big) : big;

        var result = _adapter.Parse(PayloadFile.Utf8($$"""{"project":"P1","url":"https://a.example/m.mp4","client-data":{{value}}}"""), "application/json");

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Null(result.Report.ClientData);
        Assert.Equal("client data over 262144 bytes was left out", result.Note);
    }

    [Fact]
    public void Parse_ClientDataJustUnderTheLimit_Kept()
    {
        var data = "{" + string.Join(',', Enumerable.Range(0, (Json2VideoAdapter.MaxClientDataBytes - 2) / 12).Select(i => $"\"k{i:x6}\":0")) + "}";
        Assert.True(data.Length <= Json2VideoAdapter.MaxClientDataBytes);

        var result = _adapter.Parse(PayloadFile.Utf8($$"""{"project":"P1","url":"https://a.example/m.mp4","client-data":{{data}}}"""), "application/json");

        Assert.True(result.IsSuccess, result.Reason);
        Assert.NotNull(result.Report.ClientData);
        Assert.Null(result.Note);
    }

    [Fact]
    public void Parse_FormKeyDeeperThanTheLimit_DeliveryKeptWithANote()
    {
        const string form = "project=P1&url=https%3A%2F%2Fa.example%2Fm.mp4&client-data[order_id]=ord_42&client-data[a][b][c][d][e][f][g][h]=x";

        var result = _adapter.Parse(PayloadFile.Utf8(form), "application/x-www-form-urlencoded");

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal("P1", result.Report.JobId);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"order_id":"ord_42"}"""), result.Report.ClientData));
        Assert.Equal("form field 'client-data[a][b][c][d][e][f][g][h]' is nested deeper than 8 levels and was left out", result.Note);
    }

    [Theory]
    [InlineData("""{"project":"P1","url":"https://a.example/m.mp4","client-data":"{\"order_id\":\"ord_42\"}"}""", """{"order_id":"ord_42"}""")]
    [InlineData("""{"project":"P1","url":"https://a.example/m.mp4","client-data":"{not json"}""", null)]
    [InlineData("""{"project":"P1","url":"https://a.example/m.mp4","client-data":"plain text"}""", null)]
    public void Parse_ClientDataAsString_ObjectReadOrLeftOut(string json, string? clientData)
    {
        var result = _adapter.Parse(PayloadFile.Utf8(json), "application/json");

        Assert.True(result.IsSuccess, result.Reason);
        Assert.True(JsonNode.DeepEquals(clientData is null ? null : JsonNode.Parse(clientData), result.Report.ClientData));
    }

    [Theory]
    [MemberData(nameof(RefusedForms))]
    public void Parse_MalformedForm_FailsWithReason(string form, string reason)
    {
        var result = _adapter.Parse(PayloadFile.Utf8(form), "application/x-www-form-urlencoded");

        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Reason);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencoded")]
    public void Parse_InvalidUtf8_Fails(string mediaType)
    {
        byte[] body = [.. "project=P1&id="u8, 0xFE, 0xFF];

        var result = _adapter.Parse(body, mediaType);

        Assert.Equal("body is not valid UTF-8", result.Reason);
    }

    [Fact]
    public void Parse_HugeProject_Fails()
    {
        var result = _adapter.Parse(PayloadFile.Utf8($$"""{"project":"{{new string('p', 30_000)}}"}"""), "application/json");

        Assert.Equal("project is longer than 256 characters", result.Reason);
    }

    [Fact]
    public void Parse_DeepNesting_Fails()
    {
        var nested = string.Concat(Enumerable.Repeat("""{"a":""", 100)) + "1" + new string('}', 100);

        var result = _adapter.Parse(PayloadFile.Utf8($$"""{"project":"P1","client-data":{{nested}}}"""), "application/json");

        Assert.Equal("JSON is nested deeper than 32 levels", result.Reason);
    }

    [Theory]
    [InlineData("width", "\"NaN\"")]
    [InlineData("width", "\"1920.5\"")]
    [InlineData("width", "\"-1920\"")]
    [InlineData("width", "\"99999999999\"")]
    [InlineData("height", "\"Infinity\"")]
    [InlineData("height", "\"\"")]
    [InlineData("duration", "\"NaN\"")]
    [InlineData("duration", "\"1e400\"")]
    [InlineData("duration", "1e400")]
    [InlineData("duration", "\"-10.5\"")]
    [InlineData("duration", "\"10,5\"")]
    [InlineData("duration", "[10.5]")]
    [InlineData("size", "\"4.5MB\"")]
    [InlineData("size", "\"1e400\"")]
    [InlineData("size", "\"99999999999999999999999\"")]
    [InlineData("size", "false")]
    public void Parse_UnusableOptionalNumber_IsAbsentAndDeliveryAccepted(string field, string jsonValue)
    {
        var result = _adapter.Parse(PayloadFile.Utf8($$"""{"project":"P1","status":"done","{{field}}":{{jsonValue}}}"""), "application/json");

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Null(result.Report.Width);
        Assert.Null(result.Report.Height);
        Assert.Null(result.Report.DurationSeconds);
        Assert.Null(result.Report.SizeBytes);
    }

    [Theory]
    [InlineData("🎬🎞️")]
    [InlineData("مشروع")]
    public void Parse_OddUnicodeProject_IsAccepted(string project)
    {
        var result = _adapter.Parse(PayloadFile.Utf8($$"""{"project":"{{project}}","status":"done"}"""), "application/json");

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(project, result.Report.JobId);
    }

    [Theory]
    [InlineData("\u202Eevil\u202C")]
    [InlineData("ev\u200Bil")]
    public void Parse_ProjectWithInvisibleFormatCharacters_Refused(string project)
    {
        var result = _adapter.Parse(PayloadFile.Utf8($$"""{"project":"{{project}}","status":"done"}"""), "application/json");

        Assert.False(result.IsSuccess);
        Assert.Equal("project contains invisible format characters (such as bidi controls, zero-width characters or line separators)", result.Reason);
    }
}
