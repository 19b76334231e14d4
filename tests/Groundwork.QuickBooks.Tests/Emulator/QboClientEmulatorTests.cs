using System.Net;
using Groundwork.QuickBooks.OAuth;
using Groundwork.QuickBooks.Wire;

namespace Groundwork.QuickBooks.Tests.Emulator;

/// <summary>The client against the emulator over real HTTP: the two were written apart, so agreement here means something.</summary>
public sealed class QboClientEmulatorTests : IAsyncLifetime
{
    private EmulatorHost _emulator = null!;
    private QboCompanyContext _company = null!;
    private string _refreshToken = "";

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync();
        (_company, _refreshToken) = await _emulator.ConnectAsync();
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task ReadCompanyInfoAndPreferences_SeededUsCompany_ParseIntoWireTypes()
    {
        var info = await _emulator.Client.ReadCompanyInfoAsync(_company, CancellationToken.None);
        var preferences = await _emulator.Client.ReadPreferencesAsync(_company, CancellationToken.None);

        Assert.Equal("US", info.Value.Country);
        Assert.False(string.IsNullOrWhiteSpace(info.Value.CompanyName));
        Assert.NotNull(info.IntuitTid);
        Assert.NotNull(preferences.Value.AccountingInfoPrefs?.ClassTrackingPerTxnLine);
        Assert.NotNull(preferences.Value.SalesFormsPrefs?.CustomTxnNumbers);
    }

    [Theory]
    [InlineData(EmulatorHost.UsRealm, true)]
    [InlineData(EmulatorHost.PlainRealm, false)]
    public async Task QueryAsync_TaxAgencies_FindOneOnlyWhereTheCompanyHasSalesTax(string realmId, bool expectAgency)
    {
        var (company, _) = realmId == EmulatorHost.UsRealm ? (_company, _refreshToken) : await _emulator.ConnectAsync(realmId);

        var agencies = await _emulator.Client.QueryAsync<QboTaxAgency>(company, QboQuery.From("TaxAgency"), CancellationToken.None);
        var codes = await _emulator.Client.QueryAsync<QboTaxCode>(company, QboQuery.From("TaxCode"), CancellationToken.None);

        Assert.Equal(expectAgency, agencies.Items.Count > 0);
        Assert.All(agencies.Items, a => Assert.False(string.IsNullOrWhiteSpace(a.DisplayName)));
        Assert.All(codes.Items, c => Assert.NotNull(c.Name));
    }

    [Fact]
    public async Task CreateThenSparseUpdate_Customer_BumpsSyncTokenAndStaleTokenAsksForReread()
    {
        var created = await _emulator.Client.CreateAsync(_company, new QboCustomer { DisplayName = "Harbor View Builders" }, "gw-c1-1-create", CancellationToken.None);
        var change = new QboCustomer { Id = created.Value.Id, SyncToken = created.Value.SyncToken, CompanyName = "Harbor View LLC" };

        var updated = await _emulator.Client.SparseUpdateAsync(_company, change, "gw-c1-1-update", CancellationToken.None);
        var stale = await Assert.ThrowsAsync<QboException>(() =>
            _emulator.Client.SparseUpdateAsync(_company, change with { CompanyName = "Other" }, "gw-c1-1-update2", CancellationToken.None));

        Assert.Equal("0", created.Value.SyncToken);
        Assert.Equal("1", updated.Value.SyncToken);
        Assert.Equal("Harbor View Builders", updated.Value.DisplayName);
        Assert.Equal("Harbor View LLC", updated.Value.CompanyName);
        Assert.Equal(QboFault.StaleObjectCode, stale.Fault.Code);
        Assert.IsType<QboRetryDecision.RereadThenRetry>(stale.Classify(1, _emulator.Harness.Time.GetUtcNow()));
    }

    [Fact]
    public async Task CreateAsync_SameRequestIdTwice_ReplaysTheFirstAnswer()
    {
        var first = await _emulator.Client.CreateAsync(_company, new QboVendor { DisplayName = "Replay Lumber" }, "gw-v1-1-create", CancellationToken.None);
        var second = await _emulator.Client.CreateAsync(_company, new QboVendor { DisplayName = "Replay Lumber" }, "gw-v1-1-create", CancellationToken.None);

        Assert.Equal(first.Value.Id, second.Value.Id);
    }

    [Fact]
    public async Task CreateAsync_DuplicateDisplayName_Fails6240WithoutRetry()
    {
        await _emulator.Client.CreateAsync(_company, new QboCustomer { DisplayName = "Twin Peaks Roofing" }, "gw-d1-1-create", CancellationToken.None);

        var error = await Assert.ThrowsAsync<QboException>(() => _emulator.Client.CreateAsync(
            _company, new QboVendor { DisplayName = "Twin Peaks Roofing" }, "gw-d2-1-create", CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("6240", error.Fault.Code);
        Assert.NotNull(error.IntuitTid);
        Assert.IsType<QboRetryDecision.Fail>(error.Classify(1, _emulator.Harness.Time.GetUtcNow()));
    }

    [Fact]
    public async Task QueryAsync_NameWithApostrophe_FindsTheCustomerThroughTheEscapedLiteral()
    {
        await _emulator.Client.CreateAsync(_company, new QboCustomer { DisplayName = "O'Brien & Sons" }, "gw-q1-1-create", CancellationToken.None);

        var page = await _emulator.Client.QueryAsync<QboCustomer>(
            _company, QboQuery.From("Customer").WhereEquals("DisplayName", "O'Brien & Sons"), CancellationToken.None);

        Assert.Equal("O'Brien & Sons", Assert.Single(page.Items).DisplayName);
    }

    [Fact]
    public async Task QueryAsync_NoMatch_ReturnsAnEmptyPage()
    {
        var page = await _emulator.Client.QueryAsync<QboCustomer>(
            _company, QboQuery.From("Customer").WhereEquals("DisplayName", "Nobody At All"), CancellationToken.None);

        Assert.Empty(page.Items);
        Assert.NotNull(page.IntuitTid);
    }

    [Fact]
    public async Task QueryAllAsync_PagesOfTwo_ReturnsAsManyCustomersAsCountSays()
    {
        var count = await _emulator.Client.CountAsync(_company, QboQuery.Count("Customer").IncludeInactive(), CancellationToken.None);
        var ids = new List<string?>();
        await foreach (var customer in _emulator.Client.QueryAllAsync<QboCustomer>(_company, QboQuery.From("Customer").IncludeInactive(), pageSize: 2))
        {
            ids.Add(customer.Id);
        }

        Assert.True(count > 2, "the seeded company should have more customers than one page");
        Assert.Equal(count, ids.Distinct().Count());
    }

    [Fact]
    public async Task ForEmulator_Endpoints_MatchTheEmulatorsDiscoveryDocument()
    {
        var endpoints = QboEndpoints.ForEmulator(_emulator.BaseUrl);

        var discovery = await _emulator.GetJsonAsync(endpoints.DiscoveryUrl);

        Assert.Equal(endpoints.AuthorizeUrl.AbsoluteUri, (string?)discovery["authorization_endpoint"]);
        Assert.Equal(endpoints.TokenUrl.AbsoluteUri, (string?)discovery["token_endpoint"]);
        Assert.Equal(endpoints.RevokeUrl.AbsoluteUri, (string?)discovery["revocation_endpoint"]);
        Assert.Equal(endpoints.UserInfoUrl.AbsoluteUri, (string?)discovery["userinfo_endpoint"]);
    }

    [Fact]
    public async Task GetUserInfoAsync_ConnectedUser_ReturnsTheSignedInBookkeeper()
    {
        var user = await _emulator.Harness.OAuth.GetUserInfoAsync(_company.AccessToken, CancellationToken.None);

        Assert.Equal("bookkeeper@example.com", user.Email);
        Assert.False(string.IsNullOrWhiteSpace(user.Subject));
    }

    [Fact]
    public async Task RefreshAsync_RevokedRefreshToken_ThrowsInvalidGrant()
    {
        var refreshed = await _emulator.Harness.OAuth.RefreshAsync(_refreshToken, CancellationToken.None);
        await _emulator.Harness.OAuth.RevokeAsync(refreshed.RefreshToken, CancellationToken.None);

        var error = await Assert.ThrowsAsync<QboOAuthException>(() =>
            _emulator.Harness.OAuth.RefreshAsync(refreshed.RefreshToken, CancellationToken.None));

        Assert.NotEqual(_company.AccessToken, refreshed.AccessToken);
        Assert.Equal(QboOAuthError.InvalidGrant, error.Error);
        Assert.True(error.NeedsReconnect);
    }

    [Fact]
    public async Task ReadAsync_RevokedAccessToken_Answers401AndAsksForOneRefresh()
    {
        await _emulator.Harness.OAuth.RevokeAsync(_refreshToken, CancellationToken.None);

        var error = await Assert.ThrowsAsync<QboException>(() => _emulator.Client.ReadAsync<QboCustomer>(_company, "1", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.IsType<QboRetryDecision.RefreshTokenThenRetry>(error.Classify(1, _emulator.Harness.Time.GetUtcNow()));
    }
}
