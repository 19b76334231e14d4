using Groundwork.QboEmulator.OAuth;
using Microsoft.Extensions.Logging;

namespace Groundwork.QboEmulator.Webhooks;

/// <summary>"Disconnect" from the QuickBooks side: the app's tokens are revoked, then Intuit calls the app's Disconnect URL.</summary>
internal sealed partial class Disconnector(TokenService tokens, ClientAppRegistry apps, IHttpClientFactory httpClients, ILogger<Disconnector> logger)
{
    public const string HttpClientName = "Groundwork.QboEmulator.Outbound";

    public async Task<int> DisconnectAsync(string realmId, string? clientId, CancellationToken ct)
    {
        var gone = tokens.RevokeAll(realmId, clientId);
        foreach (var clientIdGone in gone.Select(g => g.ClientId).Distinct())
        {
            if (apps.Find(clientIdGone)?.DisconnectUrl is not { Length: > 0 } url)
            {
                continue;
            }

            try
            {
                var target = $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}realmId={Uri.EscapeDataString(realmId)}";
                using var response = await httpClients.CreateClient(HttpClientName).GetAsync(new Uri(target), ct);
                LogCalled(logger, clientIdGone, (int)response.StatusCode);
            }
            catch (HttpRequestException e)
            {
                LogFailed(logger, clientIdGone, e.Message);
            }
        }

        return gone.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Disconnect URL of {ClientId} answered {Status}")]
    private static partial void LogCalled(ILogger logger, string clientId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disconnect URL of {ClientId} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string clientId, string error);
}
