namespace Groundwork.QuickBooks;

/// <summary>
/// Where and how the QBO client talks. Intuit, the Intuit sandbox and the emulator differ only by URLs;
/// bind from the <c>QuickBooks</c> configuration section.
/// </summary>
public sealed class QboClientOptions
{
    /// <summary>Configuration section name used by the DI extension.</summary>
    public const string SectionName = "QuickBooks";

    /// <summary>Which QBO to use. Default: <see cref="QboEnvironment.Production"/>.</summary>
    public QboEnvironment Environment { get; set; } = QboEnvironment.Production;

    /// <summary>Root URL for <see cref="QboEnvironment.Custom"/> (the emulator), e.g. <c>http://127.0.0.1:5000/qbo/</c>. Default: none.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Overrides the API base URL of the chosen environment. Default: none.</summary>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>Overrides the OAuth authorize URL. Default: none.</summary>
    public Uri? AuthorizeUrl { get; set; }

    /// <summary>Overrides the OAuth token URL. Default: none.</summary>
    public Uri? TokenUrl { get; set; }

    /// <summary>Overrides the OAuth revoke URL. Default: none.</summary>
    public Uri? RevokeUrl { get; set; }

    /// <summary>Overrides the OpenID userinfo URL. Default: none.</summary>
    public Uri? UserInfoUrl { get; set; }

    /// <summary>Overrides the OpenID discovery document URL. Default: none.</summary>
    public Uri? DiscoveryUrl { get; set; }

    /// <summary>OAuth client id of the Intuit app. Default: empty (OAuth calls then fail).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>OAuth client secret. Default: empty. Comes from user secrets or the environment, never a committed file.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Redirect URI registered with the Intuit app. Default: none.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>Scopes requested at authorize. Default: accounting plus OpenID profile and email.</summary>
    public string Scopes { get; set; } = "com.intuit.quickbooks.accounting openid profile email";

    /// <summary>Webhook verifier token of the Intuit app. Default: empty (every signature is rejected).</summary>
    public string WebhookVerifierToken { get; set; } = "";

    /// <summary>The <c>minorversion</c> sent on every call. Default: 75 (Intuit treats anything lower as 75).</summary>
    public int MinorVersion { get; set; } = 75;

    /// <summary>Timeout of one HTTP attempt. Default: 90 s, below QBO's own 120 s request limit.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Retry throttling (429) and server errors inside the HTTP pipeline, as the classifier decides. Default: true. An
    /// application that paces calls itself (Groundwork's per-company gateway) turns it off and retries above its limiter,
    /// so a wait does not hold a concurrency slot and every retry takes a new rate-limit permit.
    /// </summary>
    public bool RetryInPipeline { get; set; } = true;

    /// <summary>Timeout of one call including every retry and wait. Default: 5 min.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The URLs in force: the environment's defaults with any override applied.</summary>
    public QboEndpoints ResolveEndpoints()
    {
        var defaults = Environment switch
        {
            QboEnvironment.Production => QboEndpoints.Production,
            QboEnvironment.Sandbox => QboEndpoints.Sandbox,
            _ => QboEndpoints.ForEmulator(BaseUrl
                ?? throw new InvalidOperationException("QuickBooks:BaseUrl is required when QuickBooks:Environment is Custom.")),
        };
        return new QboEndpoints(
            ApiBaseUrl ?? defaults.ApiBaseUrl,
            AuthorizeUrl ?? defaults.AuthorizeUrl,
            TokenUrl ?? defaults.TokenUrl,
            RevokeUrl ?? defaults.RevokeUrl,
            UserInfoUrl ?? defaults.UserInfoUrl,
            DiscoveryUrl ?? defaults.DiscoveryUrl);
    }
}
