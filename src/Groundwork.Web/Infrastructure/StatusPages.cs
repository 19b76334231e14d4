using System.Text.Encodings.Web;

namespace Groundwork.Web.Infrastructure;

/// <summary>
/// Body-less error statuses (an unknown page, a 405) answered in the caller's language: a small HTML page for a browser,
/// a problem body for the API and for clients that ask for JSON.
/// </summary>
internal static class StatusPages
{
    public static WebApplication UseGroundworkStatusPages(this WebApplication app)
    {
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            if (WantsHtml(http.Request))
            {
                var (title, text) = status == StatusCodes.Status404NotFound
                    ? ("Page not found", "There is no page at this address. It may have moved, or the link may be mistyped.")
                    : ("Something is not right", $"The request could not be completed (status {status}).");
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(Html(title, text));
                return;
            }
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = status },
            });
        });
        return app;
    }

    /// <summary>A browser asks for text/html first; the API and JSON clients never get HTML.</summary>
    public static bool WantsHtml(HttpRequest request)
    {
        if (request.Path.StartsWithSegments("/api"))
        {
            return false;
        }
        return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A minimal page in the app's style, for answers written outside Razor (errors, rate-limit rejections).</summary>
    public static string Html(string title, string text)
    {
        var t = HtmlEncoder.Default.Encode(title);
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{t} · Groundwork</title><link rel=\"stylesheet\" href=\"/site.css\"></head><body><header class=\"top\"><a class=\"brand\" href=\"/\">Groundwork</a></header>" +
            $"<main><h1>{t}</h1><p>{HtmlEncoder.Default.Encode(text)}</p><p><a href=\"/\">Go to the home page</a></p></main></body></html>";
    }
}
