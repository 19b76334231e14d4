using System.Net;
using System.Text.Json.Nodes;
using Groundwork.QuickBooks.Tests.Fixtures;

namespace Groundwork.QuickBooks.Tests;

public sealed class QboFaultTests
{
    public static TheoryData<string> FaultBodies => QboFixtureCatalog.Rows(r => r.IsFault);

    [Theory]
    [MemberData(nameof(FaultBodies))]
    public void Parse_RecordedFault_KeepsEveryErrorWithCodeMessageAndTid(string file)
    {
        var recorded = QboFixtureCatalog.Api(file);
        var errors = (recorded.Body!["Fault"] ?? recorded.Body!["fault"])!;
        var recordedErrors = (errors["Error"] ?? errors["error"])!.AsArray();

        var fault = QboFault.Parse(recorded.Body!.ToJsonString(), (HttpStatusCode?)recorded.Status, recorded.IntuitTid);

        Assert.Equal(recordedErrors.Count, fault.Errors.Count);
        Assert.Equal(Text(recordedErrors[0], "code"), fault.Code);
        Assert.Equal(Text(recordedErrors[0], "Message"), fault.Message);
        Assert.Equal(Text(errors, "type"), fault.FaultType);
        Assert.Equal(recorded.IntuitTid, fault.IntuitTid);
        Assert.Matches("^[0-9]+$", fault.Code);
    }

    [Fact]
    public void Parse_GatewayLowerCase401_ReadsCodeDetailTypeAndTid()
    {
        var recorded = Recorded("minimul-qbo_api-vcr/error__401__0.json");

        var fault = QboFault.Parse(recorded.Body!.ToJsonString(), HttpStatusCode.Unauthorized, recorded.IntuitTid);

        Assert.Equal("3200", fault.Code);
        Assert.Equal("message=AuthenticationFailed; errorCode=003200; statusCode=401", fault.Message);
        Assert.StartsWith("Token expired:", fault.Detail, StringComparison.Ordinal);
        Assert.Null(fault.Element);
        Assert.Equal("AUTHENTICATION", fault.FaultType);
        Assert.Equal("1-5f7349e0-0fd2bee86a8a83c67a77fbb2", fault.IntuitTid);
    }

    [Fact]
    public void Parse_ValidationFaultWithElement_KeepsElementAndDetail()
    {
        var recorded = Recorded("boulevard-exquickbooks/item_create_item_error.json");

        var fault = QboFault.Parse(recorded.Body!.ToJsonString(), HttpStatusCode.BadRequest, "tid-1");

        Assert.Equal("2020", fault.Code);
        Assert.Equal("Name", fault.Element);
        Assert.Equal("Required parameter Name is missing in the request", fault.Detail);
        Assert.Equal("ValidationFault", fault.FaultType);
        Assert.Equal("tid-1", fault.IntuitTid);
    }

    [Fact]
    public void Parse_OAuthInvalidGrantBody_UsesTheErrorAsCode()
    {
        var fault = QboFault.Parse("""{"error":"invalid_grant"}""", HttpStatusCode.BadRequest, "tid-2");

        Assert.Equal("invalid_grant", fault.Code);
        Assert.Equal("OAuth", fault.FaultType);
        Assert.Equal("tid-2", fault.IntuitTid);
    }

    [Fact]
    public void Parse_RecordedOAuthFailure_KeepsDescription()
    {
        Assert.True(QboFixtures.Directory is not null, QboFixtures.MissingMessage);
        var body = QboFixtures.ReadText("intuit-dotnet-sdk-oauth2/failure_token_response.json");

        var fault = QboFault.Parse(body, HttpStatusCode.BadRequest, null);

        Assert.Equal("error", fault.Code);
        Assert.Equal("error_description", fault.Detail);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("")]
    [InlineData("[1,2]")]
    public void Parse_BodyThatIsNoFault_NamesTheHttpStatus(string body)
    {
        var fault = QboFault.Parse(body, HttpStatusCode.BadGateway, "tid-3");

        Assert.Null(fault.Code);
        Assert.Contains("502", fault.Message, StringComparison.Ordinal);
        Assert.Equal("tid-3", fault.IntuitTid);
    }

    private static RecordedResponse Recorded(string file)
    {
        Assert.True(QboFixtures.Directory is not null, QboFixtures.MissingMessage);
        return QboFixtureCatalog.Api(file);
    }

    private static string? Text(JsonNode? node, string name) =>
        node is JsonObject o
            ? o.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>()
            : null;
}
