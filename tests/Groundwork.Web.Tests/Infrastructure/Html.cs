using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>Reads pages as a browser would and submits their forms with exactly the fields a browser sends.</summary>
public static class Html
{
    public static async Task<IDocument> ParseAsync(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var address = response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/";
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html).Address(address));
    }

    /// <summary>GETs a page, failing the test unless it answers 2xx.</summary>
    public static async Task<IDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} → {(int)response.StatusCode}");
        return await response.ParseAsync();
    }

    public static IHtmlFormElement Form(this IDocument page, string selector = "main form") =>
        page.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No form '{selector}' on {page.Url}.");

    /// <summary>Fills fields by name (text, select, checkbox "true"/"false") and submits with the button of that text; redirects are not followed.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlFormElement form,
        Dictionary<string, string>? fields = null, string? button = null)
    {
        foreach (var (name, value) in fields ?? [])
        {
            var element = form.QuerySelectorAll($"[name='{name}']").FirstOrDefault(e => e.GetAttribute("type") != "hidden")
                ?? throw new InvalidOperationException($"No field '{name}' in the form.");
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" } box: box.IsChecked = value == "true"; break;
                case IHtmlInputElement input: input.Value = value; break;
                case IHtmlSelectElement select: select.Value = value; break;
                case IHtmlTextAreaElement area: area.Value = value; break;
            }
        }
        var submitter = button is null ? null
            : form.QuerySelectorAll<IHtmlButtonElement>("button").FirstOrDefault(b => b.TextContent.Trim() == button)
              ?? throw new InvalidOperationException($"No button '{button}' in the form.");
        var submission = (submitter is null ? form.GetSubmission() : form.GetSubmission(submitter)) ?? throw new InvalidOperationException("The form cannot be submitted.");
        using var body = new MemoryStream();
        await submission.Body.CopyToAsync(body);
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", submission.Headers["Content-Type"]);
        return await client.PostAsync(new Uri(submission.Target.Href), content);
    }

    /// <summary>The validation summary's text, empty when there is none.</summary>
    public static string Errors(this IDocument page) => page.QuerySelector(".validation-summary-errors")?.TextContent.Trim() ?? "";
}
