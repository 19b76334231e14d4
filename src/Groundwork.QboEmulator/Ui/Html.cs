using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Groundwork.QboEmulator.Ui;

/// <summary>Server-rendered HTML: every value goes through the HTML encoder; every form carries the host's antiforgery token.</summary>
internal static class Html
{
    public static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    /// <summary>A count with its noun: "1 connection", "2 connections".</summary>
    public static string Count(long count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    public static string Antiforgery(HttpContext http)
    {
        var tokens = http.RequestServices.GetService(typeof(IAntiforgery)) is IAntiforgery af ? af.GetAndStoreTokens(http) : null;
        return tokens is null ? "" : $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    public static async Task<bool> ValidAntiforgeryAsync(HttpContext http)
    {
        if (http.RequestServices.GetService(typeof(IAntiforgery)) is not IAntiforgery af)
        {
            return true;
        }

        try
        {
            await af.ValidateRequestAsync(http);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    public static IResult Page(string title, string body, int status = 200)
    {
        // The icon is named (empty) so a browser does not ask for /favicon.ico, which the emulator does not serve.
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>").Append(E(title))
            .Append(" · QuickBooks Online (emulator)</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222}")
            .Append("header{background:#2ca01c;color:#fff;padding:.6rem 1rem;border-radius:6px}table{border-collapse:collapse;width:100%}")
            .Append("td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}form.inline{display:inline}")
            .Append(".muted{color:#777}.error{color:#b00020}button{margin:.1rem}</style></head><body>")
            .Append("<header><strong>intuit quickbooks</strong> · emulator</header><h1>").Append(E(title)).Append("</h1>")
            .Append(body).Append("</body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
