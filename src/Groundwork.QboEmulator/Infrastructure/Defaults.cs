namespace Groundwork.QboEmulator.Infrastructure;

/// <summary>The dev app and demo user used when settings name none (documented in the README).</summary>
internal static class Defaults
{
    public const string ClientId = QboEmulatorDevApp.ClientId;
    public const string ClientSecret = QboEmulatorDevApp.ClientSecret;
    public const string VerifierToken = QboEmulatorDevApp.VerifierToken;
    public const string UserEmail = "bookkeeper@example.com";
    public const string UserPassword = "quickbooks";

    public static void Apply(QboEmulatorOptions options)
    {
        if (options.ClientApps.Count == 0)
        {
            options.ClientApps.Add(new QboEmulatorClientApp
            {
                ClientId = ClientId, ClientSecret = ClientSecret, VerifierToken = VerifierToken,
                RedirectUris = ["http://localhost:5000/integrations/quickbooks/callback", "http://127.0.0.1:5000/integrations/quickbooks/callback"],
                WebhookUrl = options.DevAppWebhookUrl, DisconnectUrl = options.DevAppDisconnectUrl,
            });
        }

        if (options.Users.Count == 0)
        {
            options.Users.Add(new QboEmulatorUser { Email = UserEmail, Password = UserPassword, GivenName = "Bea", FamilyName = "Bookkeeper" });
        }
    }
}
