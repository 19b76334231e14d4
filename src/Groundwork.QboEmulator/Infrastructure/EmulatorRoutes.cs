using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Groundwork.QboEmulator.Infrastructure;

/// <summary>Where the emulator is mounted, so links and redirects respect the prefix and the request's host.</summary>
internal sealed class EmulatorRoutes(IOptions<QboEmulatorOptions> options)
{
    public string Prefix { get; set; } = "";

    public string BaseUrl(HttpRequest request) =>
        options.Value.PublicBaseUrl?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}";

    /// <summary>Path (no host) under the mount, for links inside HTML pages.</summary>
    public string Path(HttpRequest request, string relative) => $"{request.PathBase}{Prefix}{relative}";
}
