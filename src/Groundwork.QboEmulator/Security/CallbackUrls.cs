using Microsoft.AspNetCore.Http;

namespace Groundwork.QboEmulator.Security;

/// <summary>
/// Where an app registered at run time may send people (redirect URIs) and make the emulator call (webhook, disconnect
/// URL): http(s) on loopback, the host of its PublicBaseUrl, or a host in <see cref="QboEmulatorOptions.AllowedCallbackHosts"/>.
/// Anything else would make the emulator an open redirect and a request forwarder into the network it runs in.
/// </summary>
internal static class CallbackUrls
{
    /// <summary>The problem with the URL, or null when it is allowed.</summary>
    public static string? Problem(string url, HttpRequest request, QboEmulatorOptions options)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0)
        {
            return $"'{url}' is not an absolute http(s) URL.";
        }

        return uri.IsLoopback || HostAllowed(uri.IdnHost, options) ? null
            : $"The host '{uri.Host}' is not allowed: use localhost, this emulator's host, or add it to QboEmulator:AllowedCallbackHosts.";
    }

    /// <summary>Problems per form/JSON field name (empty when all URLs are allowed).</summary>
    public static Dictionary<string, string[]> Problems(QboEmulatorClientApp app, HttpRequest request, QboEmulatorOptions options)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Check(string field, IEnumerable<string?> urls)
        {
            var found = urls.OfType<string>().Select(u => Problem(u, request, options)).OfType<string>().ToArray();
            if (found.Length > 0)
            {
                problems[field] = found;
            }
        }

        Check("redirectUris", app.RedirectUris);
        Check("webhookUrl", [app.WebhookUrl]);
        Check("disconnectUrl", [app.DisconnectUrl]);
        return problems;
    }

    private static bool HostAllowed(string host, QboEmulatorOptions options) =>
        // Never the request's Host header: the caller chooses it, and would choose the host it wants us to call.
        (Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var own) && host.Equals(own.IdnHost, StringComparison.OrdinalIgnoreCase))
        || options.AllowedCallbackHosts.Any(h => h.Trim().Equals(host, StringComparison.OrdinalIgnoreCase));
}
