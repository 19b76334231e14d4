namespace Groundwork.QboEmulator;

/// <summary>Settings of the QBO emulator; bind from a configuration section or set in code.</summary>
public sealed class QboEmulatorOptions
{
    /// <summary>SQLite file holding the emulator's state. Default <c>./data/qbo-emulator.db</c>.</summary>
    public string DatabasePath { get; set; } = "./data/qbo-emulator.db";

    /// <summary>Keep everything in memory (tests). Default false.</summary>
    public bool InMemory { get; set; }

    /// <summary>Seed the demo companies when the store is empty. Default true.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>Emulated seconds per real second: 10 makes "a minute last 6 s". Default 1.</summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>Absolute base URL (with the mount prefix) used in links when set; default: taken from each request.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// When set, the admin API requires header <c>X-Emulator-Admin-Key</c> with this value (or a signed-in emulator user).
    /// Default none: then only scripts on this machine (direct loopback, not via a proxy, not from a browser) may use it.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// Hosts (besides loopback and the emulator's own host) that apps registered at run time may use for redirect,
    /// webhook and disconnect URLs. Default none. Apps given in <see cref="ClientApps"/> are the operator's and not checked.
    /// </summary>
    public List<string> AllowedCallbackHosts { get; set; } = [];

    /// <summary>Access-token lifetime. Default 3600 s, as Intuit.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>Refresh-token lifetime (rolling). Default 8,726,400 s (101 days).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromSeconds(8726400);

    /// <summary>How long a rotated-out refresh token still works. Default 2 minutes (Intuit does not document it).</summary>
    public TimeSpan RefreshTokenGracePeriod { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Events within this (emulated) window go out in one webhook delivery. Default 1 s.</summary>
    public TimeSpan WebhookGroupingWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest accepted API request body. Default 4 MiB.</summary>
    public int MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Per-company limits, as Intuit's.</summary>
    public QboEmulatorLimits Limits { get; set; } = new();

    /// <summary>Webhook URL given to the default dev app (used only when <see cref="ClientApps"/> is empty). Default none.</summary>
    public string? DevAppWebhookUrl { get; set; }

    /// <summary>Disconnect URL given to the default dev app (used only when <see cref="ClientApps"/> is empty). Default none.</summary>
    public string? DevAppDisconnectUrl { get; set; }

    /// <summary>Registered apps. Default (when empty): the Groundwork dev app, see README.</summary>
    public List<QboEmulatorClientApp> ClientApps { get; set; } = [];

    /// <summary>People who can sign in on the authorize page. Default (when empty): one demo bookkeeper.</summary>
    public List<QboEmulatorUser> Users { get; set; } = [];
}

/// <summary>Intuit's per-realm limits; every number can be changed for benchmarks.</summary>
public sealed class QboEmulatorLimits
{
    /// <summary>Requests per (emulated) minute per company; a batch counts as one. Default 500.</summary>
    public int RequestsPerMinute { get; set; } = 500;

    /// <summary>Requests in flight per company. Default 10.</summary>
    public int ConcurrentRequests { get; set; } = 10;

    /// <summary>Batch requests per (emulated) minute per company. Default 40.</summary>
    public int BatchRequestsPerMinute { get; set; } = 40;

    /// <summary>Items per batch request. Default 30.</summary>
    public int BatchItems { get; set; } = 30;

    /// <summary>Whether the limits apply; false turns all throttling off (benchmarks of the emulator itself). Default true.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>An app registered with the emulator, like one on Intuit's developer portal.</summary>
public sealed class QboEmulatorClientApp
{
    /// <summary>OAuth client id.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>OAuth client secret.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Redirect URIs accepted on the authorize request, compared exactly (as Intuit does).</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>Where signed webhook notifications go; none when empty.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Webhook verifier token (HMAC key of <c>intuit-signature</c>).</summary>
    public string VerifierToken { get; set; } = "";

    /// <summary><c>CloudEvents</c> (default, mandatory at Intuit since 2026-05-15) or <c>Legacy</c> (<c>eventNotifications</c>).</summary>
    public string WebhookFormat { get; set; } = "CloudEvents";

    /// <summary>Called (GET, with realmId) when the app is disconnected from the QuickBooks side; none when empty.</summary>
    public string? DisconnectUrl { get; set; }
}

/// <summary>An emulator user who signs in on the authorize page.</summary>
public sealed class QboEmulatorUser
{
    /// <summary>Sign-in email.</summary>
    public string Email { get; set; } = "";

    /// <summary>Sign-in password (emulator only; never a real secret).</summary>
    public string Password { get; set; } = "";

    /// <summary>Given name reported by userinfo.</summary>
    public string GivenName { get; set; } = "";

    /// <summary>Family name reported by userinfo.</summary>
    public string FamilyName { get; set; } = "";

    /// <summary>Realm ids the user may connect; empty means every company.</summary>
    public List<string> Companies { get; set; } = [];
}
