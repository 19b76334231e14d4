using Groundwork.Web.Infrastructure;
using System.Security.Cryptography;
using System.Text;
using Groundwork.QuickBooks.OAuth;
using Groundwork.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Connection;

/// <summary>Issues and redeems OAuth <c>state</c> values: bound to the user, single use, valid for 10 minutes.</summary>
public sealed class QboOAuthStates(GroundworkDbContext db, AppClock clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public async Task<string> IssueAsync(string userId, CancellationToken ct)
    {
        var state = QboOAuthClient.CreateState();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.QboOAuthStates.Where(s => s.ExpiresAtUtc < now).ExecuteDeleteAsync(ct);
        db.QboOAuthStates.Add(new QboOAuthState { StateHash = Hash(state), UserId = userId, ExpiresAtUtc = now + Lifetime });
        await db.SaveChangesAsync(ct);
        return state;
    }

    /// <summary>True once for a state this user was issued and has not used or let expire; the update is the guard against replay.</summary>
    public async Task<bool> RedeemAsync(string? state, string userId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 200) return false;
        var hash = Hash(state);
        var now = clock.GetUtcNow().UtcDateTime;
        var redeemed = await db.QboOAuthStates
            .Where(s => s.StateHash == hash && s.UserId == userId && s.UsedAtUtc == null && s.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.UsedAtUtc, now), ct);
        return redeemed == 1;
    }

    private static string Hash(string state) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(state)));
}
