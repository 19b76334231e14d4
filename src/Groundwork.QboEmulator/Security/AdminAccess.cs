using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Groundwork.QboEmulator.Security;

/// <summary>
/// Who may use the admin API (tokens for any company, disconnect, fault injection, apps with their secrets):
/// never a browser page of another origin; then the admin key, or a signed-in emulator user; and, only when no key is
/// configured, a script on this machine (tests, curl, benchmarks) — a request that reached us directly from loopback.
/// </summary>
internal sealed class AdminAccess(IOptions<QboEmulatorOptions> options, EmulatorSignIn signIn)
{
    public const string KeyHeader = "X-Emulator-Admin-Key";

    public AdminDecision Decide(HttpContext http)
    {
        if (FromAnotherSite(http.Request))
        {
            return AdminDecision.Forbidden;
        }

        // With a key, the key alone opens the admin API: a people-UI sign-in (whose demo login is published) must not.
        var key = options.Value.AdminKey;
        if (!string.IsNullOrEmpty(key))
        {
            return KeyMatches(http.Request, key) ? AdminDecision.Allowed : AdminDecision.Unauthorized;
        }

        // Without one (a developer's machine): a signed-in user who may see every company, or a local script.
        return signIn.Current(http) is { Companies.Count: 0 } || LocalScript(http) ? AdminDecision.Allowed : AdminDecision.Forbidden;
    }

    private static bool KeyMatches(HttpRequest request, string key) =>
        request.Headers[KeyHeader].ToString() is { Length: > 0 } given
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));

    /// <summary>
    /// Browsers say where a request comes from: <c>Sec-Fetch-Site</c>, and <c>Origin</c> on cross-origin posts. Scripts
    /// send neither. "same-site" is refused too: another port on localhost is the same site but not this app.
    /// </summary>
    private static bool FromAnotherSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && !origin.Equals($"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Loopback (or in-process) and not relayed by a proxy: a proxy on the same machine makes every caller look local.</summary>
    private static bool LocalScript(HttpContext http)
    {
        var headers = http.Request.Headers;
        if (headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("Forwarded") || headers.ContainsKey("X-Real-IP"))
        {
            return false;
        }

        // A loopback Host too: a DNS-rebinding page reaches loopback under its own name, and that name is not loopback.
        var host = http.Request.Host.Host;
        var loopbackHost = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        var remote = http.Connection.RemoteIpAddress;
        return loopbackHost && (remote is null || IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote));
    }
}

internal enum AdminDecision
{
    Allowed,
    Unauthorized,
    Forbidden,
}
