using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Connection;

/// <summary>
/// Disconnect revokes at Intuit and forgets the tokens but keeps the realm (and so every link) for a reconnect.
/// Remove also forgets the company: it works when Intuit no longer answers or already disconnected us.
/// </summary>
public sealed class DisconnectQuickBooks(GroundworkDbContext db, QboTokenVault vault, ConnectQuickBooks connect, IGrainFactory grains) : IUseCase
{
    public async Task<Outcome<QboConnection>> DisconnectAsync(CancellationToken ct)
    {
        var connection = await db.QboConnections.FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<QboConnection>.NotFound("QuickBooks is not connected.");
        await RevokeAsync(connection, ct);
        connection.Status = QboConnectionStatus.Disconnected;
        connection.StatusReason = "Disconnected from Groundwork. Reconnect the same company to resume; every link was kept.";
        return await ForgetAccessAsync(await SaveChanges.TryAsync(db, connection, "", "", ct), connection);
    }

    public async Task<Outcome<QboConnection>> RemoveAsync(CancellationToken ct)
    {
        var connection = await db.QboConnections.FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<QboConnection>.NotFound("There is no QuickBooks integration to remove.");
        await RevokeAsync(connection, ct);
        db.QboConnections.Remove(connection);
        return await ForgetAccessAsync(await SaveChanges.TryAsync(db, connection, "", "", ct), connection);
    }

    /// <summary>The company's gateway drops the token it holds, so no call goes out with it after the change.</summary>
    private async Task<Outcome<QboConnection>> ForgetAccessAsync(Outcome<QboConnection> saved, QboConnection connection)
    {
        if (saved.IsOk) await grains.GetGrain<Gateway.IQboGatewayGrain>(connection.OrganizationId).ForgetAccessAsync();
        return saved;
    }

    private async Task RevokeAsync(QboConnection connection, CancellationToken ct)
    {
        if (vault.RefreshToken(connection) is { } refresh)
        {
            await connect.RevokeQuietlyAsync(refresh, ct);
        }
        QboTokenVault.Forget(connection);
    }
}
