using RenderHooks.Storage;

namespace RenderHooks.Tests.Storage;

public sealed class StorageRequestFailedDetailsParserTests
{
    private readonly StorageRequestFailedDetailsParser _parser = new();

    [Fact]
    public void TryParse_QueueXmlError_ReadsCodeAndFirstMessageLine()
    {
        using var response = new FakeResponse(
            404,
            "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>QueueNotFound</Code><Message>The specified queue does not exist.\nRequestId:abc\nTime:2024</Message></Error>");

        Assert.True(_parser.TryParse(response, out var error, out _));
        Assert.Equal("QueueNotFound", error!.Code);
        Assert.Equal("The specified queue does not exist.", error.Message);
    }

    [Fact]
    public void TryParse_TableODataError_ReadsCodeAndMessageValue()
    {
        using var response = new FakeResponse(
            409,
            "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"The specified entity already exists.\\nRequestId:x\"}}}");

        Assert.True(_parser.TryParse(response, out var error, out _));
        Assert.Equal("EntityAlreadyExists", error!.Code);
        Assert.Equal("The specified entity already exists.", error.Message);
    }

    [Fact]
    public void TryParse_TableErrorObject_ReadsCodeAndMessage()
    {
        using var response = new FakeResponse(412, "{\"error\":{\"code\":\"UpdateConditionNotSatisfied\",\"message\":\"The update condition specified in the request was not satisfied.\"}}");

        Assert.True(_parser.TryParse(response, out var error, out _));
        Assert.Equal("UpdateConditionNotSatisfied", error!.Code);
        Assert.Equal("The update condition specified in the request was not satisfied.", error.Message);
    }

    [Fact]
    public void TryParse_EmptyBody_FallsBackToErrorCodeHeader()
    {
        using var response = new FakeResponse(404, null, ("x-ms-error-code", "ResourceNotFound"));

        Assert.True(_parser.TryParse(response, out var error, out _));
        Assert.Equal("ResourceNotFound", error!.Code);
    }

    [Fact]
    public void TryParse_GarbageBody_FallsBackToErrorCodeHeader()
    {
        using var response = new FakeResponse(500, "<not xml", ("x-ms-error-code", "InternalError"));

        Assert.True(_parser.TryParse(response, out var error, out _));
        Assert.Equal("InternalError", error!.Code);
    }

    [Fact]
    public void TryParse_NothingToRead_ReturnsFalse()
    {
        using var response = new FakeResponse(500, "plain text");

        Assert.False(_parser.TryParse(response, out var error, out _));
        Assert.Null(error);
    }
}
