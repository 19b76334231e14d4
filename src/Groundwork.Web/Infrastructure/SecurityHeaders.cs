using Groundwork.Web.Features.QuickBooks;
using Microsoft.Extensions.Options;

namespace Groundwork.Web.Infrastructure;

/// <summary>
/// Browser hardening on every response. The app's pages run no inline script (confirmations go through site.js and
/// data-confirm), so script-src is 'self' only; a few pages style single elements with style attributes, which
/// style-src-attr allows without allowing injected style sheets.
/// </summary>
internal static class SecurityHeaders
{
    public const string AppPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>The embedded emulator renders its pages with one inline style sheet; it still runs no script.</summary>
    public const string EmulatorPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static WebApplication UseGroundworkSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // Only sent on HTTPS requests (after forwarded headers, so a TLS proxy counts); never for localhost.
            app.UseHsts();
        }
        var emulator = app.Services.GetRequiredService<IOptions<EmbeddedEmulatorOptions>>().Value;
        var emulatorPrefix = new PathString("/" + emulator.Prefix.Trim('/'));
        app.Use((context, next) =>
        {
            var isEmulator = emulator.Embedded == true && context.Request.Path.StartsWithSegments(emulatorPrefix);
            // At the last moment: the exception handler clears headers set earlier when it writes its error page.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = isEmulator ? EmulatorPolicy : AppPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
