using System.Net;
using Groundwork.QuickBooks.OAuth;

namespace Groundwork.QuickBooks.Tests;

public sealed class QboExceptionTests
{
    [Fact]
    public void Message_ValidationFault_NamesCodeDetailAndTid()
    {
        var fault = new QboFault("6240", "Duplicate Name Exists Error", "The name supplied already exists.", null, "ValidationFault", "tid-9", []);

        var error = new QboException(fault, HttpStatusCode.BadRequest);

        Assert.Contains("HTTP 400", error.Message, StringComparison.Ordinal);
        Assert.Contains("code 6240", error.Message, StringComparison.Ordinal);
        Assert.Contains("The name supplied already exists.", error.Message, StringComparison.Ordinal);
        Assert.Contains("tid-9", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsOutcomeUnknown);
    }

    [Fact]
    public void Message_AuthenticationFaultEchoingTheToken_LeavesTheDetailOut()
    {
        var fault = new QboFault("3200", "message=AuthenticationFailed", "Token expired: AB01601390262kxzx", null, "AUTHENTICATION", "tid-1", []);

        var error = new QboException(fault, HttpStatusCode.Unauthorized);

        Assert.DoesNotContain("AB01601390262kxzx", error.Message, StringComparison.Ordinal);
        Assert.Equal("Token expired: AB01601390262kxzx", error.Fault.Detail);
    }

    [Fact]
    public void CompanyContext_ToString_HidesTheAccessToken()
    {
        var company = new QboCompanyContext("9130", "secret-access-token");

        Assert.DoesNotContain("secret-access-token", company.ToString(), StringComparison.Ordinal);
        Assert.Contains("9130", company.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TokenResponse_ToTokenSet_CountsExpiriesFromReceiptIncludingTheHardLimit()
    {
        var received = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var response = new QboTokenResponse
        {
            AccessToken = "a", RefreshToken = "r", ExpiresIn = 3600, RefreshTokenExpiresIn = 8726400, RefreshTokenHardExpiresIn = 157680000,
        };

        var set = response.ToTokenSet(received);

        Assert.Equal(received.AddHours(1), set.AccessTokenExpiresAt);
        Assert.Equal(received.AddDays(101), set.RefreshTokenExpiresAt);
        Assert.Equal(received.AddDays(1825), set.RefreshTokenHardExpiresAt);
    }
}
