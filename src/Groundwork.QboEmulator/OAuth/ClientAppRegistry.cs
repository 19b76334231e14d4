using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Groundwork.QboEmulator.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Groundwork.QboEmulator.OAuth;

/// <summary>Registered apps: from settings, plus edits made on the admin page/API (persisted).</summary>
internal sealed class ClientAppRegistry
{
    private const string Kind = "_ClientApp";
    private readonly ConcurrentDictionary<string, QboEmulatorClientApp> apps = new(StringComparer.Ordinal);
    private readonly SqlitePersistence persistence;

    public ClientAppRegistry(IOptions<QboEmulatorOptions> options, SqlitePersistence persistence)
    {
        this.persistence = persistence;
        foreach (var app in options.Value.ClientApps)
        {
            apps[app.ClientId] = app;
        }

        foreach (var row in persistence.LoadAll().Where(r => r.Kind == Kind))
        {
            var app = JsonSerializer.Deserialize<QboEmulatorClientApp>(row.Json)!;
            apps[app.ClientId] = app;
        }
    }

    public IReadOnlyCollection<QboEmulatorClientApp> All => [.. apps.Values.OrderBy(a => a.ClientId, StringComparer.Ordinal)];

    public QboEmulatorClientApp? Find(string? clientId) => clientId is null ? null : apps.GetValueOrDefault(clientId);

    public void Upsert(QboEmulatorClientApp app)
    {
        apps[app.ClientId] = app;
        persistence.Enqueue(new PersistOp("", Kind, app.ClientId, JsonSerializer.Serialize(app)));
    }

    /// <summary>Only a URI registered for the app, character for character: anything looser is an open redirect.</summary>
    public static bool RedirectAllowed(QboEmulatorClientApp app, string? redirectUri) =>
        redirectUri is not null && app.RedirectUris.Contains(redirectUri, StringComparer.Ordinal);

    /// <summary>Client authentication: HTTP Basic (as Intuit's SDKs) or client_secret_post; secrets compared in constant time.</summary>
    public QboEmulatorClientApp? Authenticate(HttpRequest request, IFormCollection? form)
    {
        string? id = form?["client_id"], secret = form?["client_secret"];
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                (id, secret) = colon < 0 ? (pair, "") : (pair[..colon], pair[(colon + 1)..]);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        var app = Find(id);
        return app is not null && secret is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(app.ClientSecret), Encoding.UTF8.GetBytes(secret))
            ? app : null;
    }
}
