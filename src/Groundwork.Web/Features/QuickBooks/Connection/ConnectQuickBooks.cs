using Groundwork.QuickBooks;
using Groundwork.QuickBooks.OAuth;
using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Connection;

/// <summary>The brief's step 1: send the user to Intuit with a bound state, and take the code back.</summary>
public sealed partial class ConnectQuickBooks(GroundworkDbContext db, QboOAuthStates states, QboOAuthClient oauth, QboClient qbo,
    QboTokenVault vault, AppClock clock, IGrainFactory grains, RecentRealms realms, ILogger<ConnectQuickBooks> logger) : IUseCase
{
    public async Task<Uri> StartAsync(string userId, Uri redirectUri, CancellationToken ct) =>
        oauth.BuildAuthorizeUrl(await states.IssueAsync(userId, ct), redirectUri);

    public async Task<Outcome<QboConnection>> CompleteAsync(string userId, string? userName, CallbackInput input, Uri redirectUri, CancellationToken ct)
    {
        // The state is checked before anything else, so a forged or replayed callback cannot even spend a code.
        if (!await states.RedeemAsync(input.State, userId, ct))
        {
            return Outcome<QboConnection>.Invalid("state", "This QuickBooks sign-in could not be matched to your session (it expired, was already used, or did not start here). Start again with Connect.");
        }
        if (!string.IsNullOrEmpty(input.Error))
        {
            return Outcome<QboConnection>.Invalid("error", input.Error == "access_denied"
                ? "The connection was cancelled in QuickBooks; nothing changed."
                : $"QuickBooks did not connect ({input.Error}).");
        }
        if (string.IsNullOrEmpty(input.Code) || string.IsNullOrEmpty(input.RealmId) || input.RealmId.Length > 32)
        {
            return Outcome<QboConnection>.Invalid("code", "QuickBooks sent back an incomplete answer; start again with Connect.");
        }

        QboTokenSet tokens;
        try
        {
            tokens = await oauth.ExchangeCodeAsync(input.Code, redirectUri, ct);
        }
        catch (QboOAuthException ex)
        {
            return Outcome<QboConnection>.Invalid("code", $"QuickBooks refused the sign-in ({ex.Error}); start again with Connect.");
        }

        var connection = await db.QboConnections.FirstOrDefaultAsync(ct);
        if (connection is not null && connection.RealmId != input.RealmId)
        {
            await RevokeQuietlyAsync(tokens.RefreshToken, ct);
            return Outcome<QboConnection>.Conflict(
                $"Groundwork is linked to the QuickBooks company “{connection.CompanyName}” (company ID {connection.RealmId}). " +
                "Connecting a different company would mix two sets of books, so it was refused. To switch companies, remove the integration first (this resets every link and mapping).");
        }

        Groundwork.QuickBooks.Wire.QboCompanyInfo company;
        try
        {
            company = (await qbo.ReadCompanyInfoAsync(new QboCompanyContext(input.RealmId, tokens.AccessToken), ct)).Value;
        }
        catch (Exception ex) when (ex is QboException or HttpRequestException)
        {
            await RevokeQuietlyAsync(tokens.RefreshToken, ct);
            return Outcome<QboConnection>.Conflict("Connected, but QuickBooks did not answer when asked for the company's details; nothing was saved. Try Connect again in a minute.");
        }
        if (connection is null)
        {
            connection = new QboConnection { RealmId = input.RealmId };
            db.QboConnections.Add(connection);
            await AdoptTimeZoneAsync(company, ct);
        }
        vault.Store(connection, tokens);
        connection.CompanyName = company.CompanyName;
        connection.Status = QboConnectionStatus.Connected;
        connection.StatusReason = null;
        connection.ConnectedAtUtc = clock.GetUtcNow().UtcDateTime;
        connection.ConnectedBy = userName;
        var saved = await SaveChanges.TryAsync(db, connection, "", "", ct);
        if (!saved.IsOk) return saved;
        await grains.GetGrain<Gateway.IQboGatewayGrain>(connection.OrganizationId).ForgetAccessAsync();
        // Webhooks for the realm find the organization from now on (in this host at once), whatever follows.
        realms.Forget(connection.RealmId);
        // Pushes that waited for the connection resume at once, what changed in QuickBooks meanwhile is caught up, and payments
        // recorded before connecting are queued by the grain (however many: this request does not wait for them).
        await grains.GetGrain<Sync.ICompanySyncGrain>(connection.OrganizationId).ConnectedAsync();
        return saved;
    }

    /// <summary>
    /// A first link takes the QBO company's zone (from its address), so Groundwork's dates are QuickBooks' TxnDates.
    /// A reconnect keeps whatever the owner chose since.
    /// </summary>
    private async Task AdoptTimeZoneAsync(Groundwork.QuickBooks.Wire.QboCompanyInfo company, CancellationToken ct)
    {
        var us = company.Country is null || string.Equals(company.Country, "US", StringComparison.OrdinalIgnoreCase);
        if (!us || Organizations.TimeZones.ForUsState(company.CompanyAddr?.CountrySubDivisionCode) is not { } zone) return;
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == db.CurrentOrganizationId, ct);
        if (organization is not null) organization.TimeZone = zone;
    }

    internal async Task RevokeQuietlyAsync(string token, CancellationToken ct)
    {
        try
        {
            await oauth.RevokeAsync(token, ct);
        }
        catch (Exception ex) when (ex is QboOAuthException or HttpRequestException or TaskCanceledException)
        {
            // Already revoked at Intuit, or Intuit does not answer: either way the token is no longer ours to use.
            LogRevokeFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revoking a QuickBooks token failed ({Reason}); continuing")]
    private static partial void LogRevokeFailed(ILogger logger, string reason);
}

/// <summary>The query Intuit sends back to the redirect URI.</summary>
public sealed class CallbackInput
{
    public string? Code { get; set; }
    public string? State { get; set; }
    public string? RealmId { get; set; }
    public string? Error { get; set; }
}
