using System.Security.Cryptography;
using System.Text.Json;
using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.Store;
using Microsoft.Extensions.Options;

namespace Groundwork.QboEmulator.OAuth;

/// <summary>
/// Intuit's token rules: single-use codes, 1-hour access tokens, a refresh token rotated on every refresh with a short
/// grace period for the previous one, and revocation of the whole connection.
/// </summary>
internal sealed class TokenService(EmulatorClock clock, IOptions<QboEmulatorOptions> options, SqlitePersistence persistence)
{
    private const string GrantKind = "_Grant";
    private readonly Lock gate = new();
    private readonly Dictionary<string, Grant> grants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthCode> codes = new(StringComparer.Ordinal);

    /// <summary>Access token → grant id, so checking a bearer token does not scan every connection.</summary>
    private readonly Dictionary<string, string> accessIndex = new(StringComparer.Ordinal);
    private bool loaded;

    private QboEmulatorOptions Options => options.Value;

    public string CreateCode(string clientId, string redirectUri, string realmId, string user, string scope)
    {
        var code = "AB11" + Random(36);
        lock (gate)
        {
            codes[code] = new AuthCode(clientId, redirectUri, realmId, user, scope, clock.UtcNow.AddMinutes(5));
        }

        return code;
    }

    public TokenIssue? ExchangeCode(string clientId, string code, string? redirectUri)
    {
        lock (gate)
        {
            // A code works once: removing it before any check makes a replay fail even if this exchange fails.
            if (!codes.Remove(code, out var auth) || auth.ClientId != clientId || auth.Expires < clock.UtcNow || auth.RedirectUri != redirectUri)
            {
                return null;
            }

            return Connect(clientId, auth.RealmId, auth.UserEmail, auth.Scope);
        }
    }

    public TokenIssue Connect(string clientId, string realmId, string user, string scope)
    {
        lock (gate)
        {
            EnsureLoaded();
            var now = clock.UtcNow;
            var grant = new Grant
            {
                Id = Guid.NewGuid().ToString("N"), ClientId = clientId, RealmId = realmId, UserEmail = user, Scope = scope,
                RefreshToken = NewRefreshToken(), RefreshExpires = now + Options.RefreshTokenLifetime, ConnectedAt = now,
            };
            grants[grant.Id] = grant;
            return Issue(grant);
        }
    }

    public TokenIssue? Refresh(string clientId, string refreshToken)
    {
        lock (gate)
        {
            EnsureLoaded();
            var now = clock.UtcNow;
            var grant = grants.Values.FirstOrDefault(g => g.ClientId == clientId
                && ((g.RefreshToken == refreshToken && g.RefreshExpires > now)
                    || (g.PreviousRefreshToken == refreshToken && g.PreviousValidUntil > now)));
            if (grant is null)
            {
                return null;
            }

            if (grant.RefreshToken == refreshToken)
            {
                grant.PreviousRefreshToken = refreshToken;
                grant.PreviousValidUntil = now + Options.RefreshTokenGracePeriod;
                grant.RefreshToken = NewRefreshToken();
            }

            grant.RefreshExpires = now + Options.RefreshTokenLifetime;
            return Issue(grant);
        }
    }

    /// <summary>Revoking either token of a connection ends the connection (Intuit invalidates both).</summary>
    public bool Revoke(string clientId, string token)
    {
        lock (gate)
        {
            EnsureLoaded();
            var grant = grants.Values.FirstOrDefault(g => g.ClientId == clientId
                && (g.RefreshToken == token || g.PreviousRefreshToken == token || g.AccessTokens.ContainsKey(token)));
            return grant is not null && Remove(grant);
        }
    }

    public (AccessCheck Check, Grant? Grant) CheckAccess(string token)
    {
        lock (gate)
        {
            EnsureLoaded();
            if (accessIndex.TryGetValue(token, out var grantId) && grants.TryGetValue(grantId, out var grant)
                && grant.AccessTokens.TryGetValue(token, out var expires))
            {
                return expires > clock.UtcNow ? (AccessCheck.Valid, grant) : (AccessCheck.Expired, grant);
            }

            return (AccessCheck.Invalid, null);
        }
    }

    public List<Grant> Connections(string? realmId = null)
    {
        lock (gate)
        {
            EnsureLoaded();
            return [.. grants.Values.Where(g => realmId is null || g.RealmId == realmId)];
        }
    }

    /// <summary>Fault injection: every access token of the company (or all) expires now.</summary>
    public int ExpireAccessTokens(string? realmId)
    {
        lock (gate)
        {
            var count = 0;
            foreach (var grant in grants.Values.Where(g => realmId is null || g.RealmId == realmId))
            {
                foreach (var token in grant.AccessTokens.Keys.ToList())
                {
                    grant.AccessTokens[token] = clock.UtcNow.AddSeconds(-1);
                    count++;
                }

                Save(grant);
            }

            return count;
        }
    }

    public List<Grant> RevokeAll(string realmId, string? clientId)
    {
        lock (gate)
        {
            EnsureLoaded();
            var gone = grants.Values.Where(g => g.RealmId == realmId && (clientId is null || g.ClientId == clientId)).ToList();
            gone.ForEach(g => Remove(g));
            return gone;
        }
    }

    private TokenIssue Issue(Grant grant)
    {
        var now = clock.UtcNow;
        foreach (var stale in grant.AccessTokens.Where(t => t.Value < now).Select(t => t.Key).ToList())
        {
            grant.AccessTokens.Remove(stale);
            accessIndex.Remove(stale);
        }

        var access = "eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0.." + Random(120);
        grant.AccessTokens[access] = now + Options.AccessTokenLifetime;
        accessIndex[access] = grant.Id;
        Save(grant);
        return new TokenIssue(grant, access, Options.AccessTokenLifetime, grant.RefreshExpires - now);
    }

    private bool Remove(Grant grant)
    {
        grants.Remove(grant.Id);
        foreach (var token in grant.AccessTokens.Keys)
        {
            accessIndex.Remove(token);
        }

        persistence.Enqueue(new PersistOp("", GrantKind, grant.Id, null));
        return true;
    }

    private void Save(Grant grant) =>
        persistence.Enqueue(new PersistOp("", GrantKind, grant.Id, JsonSerializer.Serialize(grant)));

    private void EnsureLoaded()
    {
        if (loaded)
        {
            return;
        }

        loaded = true;
        foreach (var row in persistence.LoadAll().Where(r => r.Kind == GrantKind))
        {
            var grant = JsonSerializer.Deserialize<Grant>(row.Json)!;
            grants[grant.Id] = grant;
            foreach (var token in grant.AccessTokens.Keys)
            {
                accessIndex[token] = grant.Id;
            }
        }
    }

    private static string NewRefreshToken() => "AB11" + Random(46);

    private static string Random(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}
