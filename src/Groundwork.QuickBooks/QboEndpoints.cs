namespace Groundwork.QuickBooks;

/// <summary>
/// Every URL the client needs. Production, the Intuit sandbox and the emulator differ only by these values,
/// so nothing else in the client may branch on the environment.
/// </summary>
public sealed record QboEndpoints(
    Uri ApiBaseUrl,
    Uri AuthorizeUrl,
    Uri TokenUrl,
    Uri RevokeUrl,
    Uri UserInfoUrl,
    Uri DiscoveryUrl)
{
    // Authorize, token and revoke are shared by production and sandbox (API.md §1.1).
    private static readonly Uri IntuitAuthorize = new("https://appcenter.intuit.com/connect/oauth2");
    private static readonly Uri IntuitToken = new("https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer");
    private static readonly Uri IntuitRevoke = new("https://developer.api.intuit.com/v2/oauth2/tokens/revoke");

    /// <summary>Intuit production.</summary>
    public static QboEndpoints Production { get; } = new(
        new Uri("https://quickbooks.api.intuit.com/"),
        IntuitAuthorize,
        IntuitToken,
        IntuitRevoke,
        new Uri("https://accounts.platform.intuit.com/v1/openid_connect/userinfo"),
        new Uri("https://developer.api.intuit.com/.well-known/openid_configuration"));

    /// <summary>Intuit sandbox: only the API host, the userinfo host and the discovery document differ.</summary>
    public static QboEndpoints Sandbox { get; } = new(
        new Uri("https://sandbox-quickbooks.api.intuit.com/"),
        IntuitAuthorize,
        IntuitToken,
        IntuitRevoke,
        new Uri("https://sandbox-accounts.platform.intuit.com/v1/openid_connect/userinfo"),
        new Uri("https://developer.api.intuit.com/.well-known/openid_sandbox_configuration"));

    /// <summary>
    /// A QBO look-alike (the emulator) serving Intuit's paths under one base URL,
    /// e.g. <c>http://127.0.0.1:5000/qbo/</c> → <c>http://127.0.0.1:5000/qbo/oauth2/v1/tokens/bearer</c>.
    /// </summary>
    public static QboEndpoints ForEmulator(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The emulator base URL must be absolute.", nameof(baseUrl));
        }

        // Without the trailing slash, relative resolution would drop the last path segment (/qbo).
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return new QboEndpoints(
            root,
            new Uri(root, "connect/oauth2"),
            new Uri(root, "oauth2/v1/tokens/bearer"),
            new Uri(root, "v2/oauth2/tokens/revoke"),
            new Uri(root, "v1/openid_connect/userinfo"),
            new Uri(root, ".well-known/openid_configuration"));
    }
}
