namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// <c>POST /integrations/quickbooks/webhooks</c>: the URL registered with the Intuit app (and given to the embedded
/// emulator's dev app). Anonymous — Intuit signs instead of signing in — and outside the antiforgery check, which is for
/// browsers; not part of the JSON API, so not in its OpenAPI document.
/// </summary>
internal static class WebhookEndpoint
{
    public const string Path = "/integrations/quickbooks/webhooks";

    public static WebApplication MapQuickBooksWebhooks(this WebApplication app)
    {
        app.MapPost(Path, async (HttpRequest request, ReceiveWebhook receive, CancellationToken ct) =>
                await receive.HandleAsync(request, ct) switch
                {
                    WebhookAnswer.Accepted => Results.Ok(),
                    WebhookAnswer.TooLarge => Results.StatusCode(StatusCodes.Status413PayloadTooLarge),
                    _ => Results.Unauthorized(),
                })
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return app;
    }
}
