using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// Settings → Integrations → QuickBooks → Preview (the dry run): per document, what a push would create or link, its lines
/// as QuickBooks gets them, and what it would refuse with the fix — the push's own plan (<see cref="PushPreview"/>), with
/// nothing written anywhere. Read-only, so Accountants may look too.
/// </summary>
[Authorize(Policy = AccountServiceCollectionExtensions.AccountantPolicy)]
public sealed class PreviewModel(PushPreview preview) : PageModel
{
    public const string Path = "/Settings/Integrations/QuickBooks/Preview";
    public const string AllLink = Path + "?all=true";

    /// <summary>A comma-separated list, or the same key repeated (a plain form's checkboxes): both are read.</summary>
    [BindProperty(SupportsGet = true, Name = "documentIds")]
    public List<string>? DocumentIds { get; set; }

    [BindProperty(SupportsGet = true, Name = "all")]
    public bool All { get; set; }

    public PushPreviewDto? Result { get; private set; }
    public string? Refused { get; private set; }
    public bool NotConnected { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!All && (DocumentIds is null || DocumentIds.All(string.IsNullOrWhiteSpace)))
        {
            Refused = "Nothing was chosen to preview: select documents on Unsynced Records, or preview all.";
            return;
        }
        var ids = DocumentIds is null ? null : string.Join(',', DocumentIds);
        var outcome = await preview.HandleAsync(ids, All, ct);
        if (outcome.IsOk)
        {
            Result = outcome.Value;
            return;
        }
        NotConnected = outcome.Kind == OutcomeKind.NotFound;
        Refused = outcome.Kind == OutcomeKind.Invalid ? string.Join(" ", outcome.Errors.SelectMany(e => e.Value)) : outcome.Message;
    }

    public static string Link(IEnumerable<long> documentIds) =>
        Path + "?documentIds=" + string.Join(',', documentIds.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The tax code by its QuickBooks name and id; by its id alone, said to be QuickBooks's, when it has no name.</summary>
    public static string TaxCodeLabel(string? id, string? name) =>
        id is null ? "none" : string.IsNullOrWhiteSpace(name) ? $"QuickBooks tax code id {id}" : $"{name} (QuickBooks id {id})";

    public static string KindLabel(Links.LinkedKind kind) => kind switch
    {
        Links.LinkedKind.Customer => "Customer",
        Links.LinkedKind.Location => "Sub-customer (location)",
        Links.LinkedKind.Job => "Sub-customer (job)",
        Links.LinkedKind.Vendor => "Vendor",
        _ => kind.ToString(),
    };

    public static string ActionLabel(string action) => action switch
    {
        "linked" => "Linked",
        "link" => "Link to the QuickBooks record of this name",
        "create" => "Create in QuickBooks",
        "update" => "Update in QuickBooks",
        _ => action,
    };
}
