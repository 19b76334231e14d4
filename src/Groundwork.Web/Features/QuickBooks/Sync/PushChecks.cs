using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Mappings;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// The pre-flight rules, one function each and all in one place: what QBO would refuse, found before QBO sees it. Name
/// rules (colon, shared name space) come from <see cref="Names.NameProblems"/>; readiness findings from the readiness
/// checklist, so their words and QuickBooks steps are written once.
/// </summary>
public static class PushChecks
{
    public const string TaxAgency = "tax-agency";
    public const string NotChecked = "readiness-unknown";
    public const string NoDefaultItem = "default-item";
    public const string UnmappedClass = "unmapped-class";
    public const string ClassTrackingOff = "class-tracking-off";
    public const string LineAmount = "line-amount";
    public const string NegativeBill = "negative-bill";
    public const string DocNumberTooLong = "doc-number";
    public const string SalesTaxOff = "sales-tax-off";
    public const string NoTaxCode = "no-tax-code";
    public const string InactiveName = "inactive-name";
    public const string AmbiguousName = "ambiguous-name";
    public const string KindChanged = "kind-changed";
    public const string TotalMismatch = "total-mismatch";
    public const string InactiveMapped = "inactive-mapping";
    public const string DeletedInQuickBooks = "deleted-in-quickbooks";
    public const string OffsetCreditMemoDeleted = "offset-memo-deleted";

    /// <summary>QBO's DocNumber limit.</summary>
    public const int DocNumberMax = 21;

    public const string ClassesPage = "/Settings/Integrations/QuickBooks/Classes";
    public const string NamesPage = "/Settings/Integrations/QuickBooks/Names";
    public const string IntegrationsPage = "/Settings/Integrations";

    public static PushProblem? Readiness(Readiness? readiness)
    {
        if (readiness is null)
        {
            return new(NotChecked, "QuickBooks' settings have not been checked yet.", "Press “Check again” on the QuickBooks page.", IntegrationsPage, "Check QuickBooks");
        }
        var agency = readiness.Items.FirstOrDefault(i => i.Key == "tax-agency");
        return agency is { Ok: false }
            ? new(TaxAgency, $"Pushing is blocked: {agency.Finding}", agency.Fix, IntegrationsPage, "Check again after setting it up")
            : null;
    }

    public static PushProblem? DefaultItem(bool usable, bool needed) => usable || !needed
        ? null
        : new(NoDefaultItem, Mappings.DefaultItem.NotSetMessage + " None is chosen, or the chosen one is inactive in QuickBooks.",
            "Choose the default Product/Service.", Mappings.DefaultItem.PagePath, "Choose a default item");

    /// <summary>A line goes with the default item unless its cost code is mapped to a Product/Service.</summary>
    public static bool UsesDefaultItem<TItem>(long? costCodeId, IReadOnlyDictionary<long, TItem> costCodeItems) =>
        costCodeId is not { } code || !costCodeItems.ContainsKey(code);

    public static PushProblem? Classes(bool trackingPerLine, IReadOnlyCollection<string> unmappedTypes, bool anyMapped)
    {
        if (trackingPerLine && unmappedTypes.Count > 0)
        {
            var one = unmappedTypes.Count == 1;
            return new(UnmappedClass, $"Class tracking is on in QuickBooks, and the cost type{(one ? "" : "s")} {string.Join(", ", unmappedTypes.Select(t => $"“{t}”"))} " +
                $"on this document {(one ? "is" : "are")} not mapped to a class.",
                "Map the cost types to classes.", ClassesPage, "Map classes");
        }
        if (!trackingPerLine && anyMapped)
        {
            return new(ClassTrackingOff, "Cost types on this document are mapped to classes, but QuickBooks does not track classes per line, so the classes would be lost.",
                "In QuickBooks: Gear → Account and settings → Advanced → Categories → turn on “Track classes”, “One to each row in transaction”; or remove the class mappings.",
                ClassesPage, "Class Mapping");
        }
        return null;
    }

    /// <summary>QBO checks Amount = Qty × UnitPrice rounded to the cent; a line on a half cent rounds differently there.</summary>
    public static PushProblem? Line(DocumentLine line, int index)
    {
        var exact = line.Quantity * line.UnitAmountCents / 100m;
        var qboRounded = decimal.Round(exact, 2, MidpointRounding.ToEven);
        if (qboRounded * 100 == line.AmountCents) return null;
        return new(LineAmount, $"Line {index + 1} (“{line.Name}”): {line.Quantity} × {line.UnitAmountCents / 100m:0.00} = {exact}, which QuickBooks rounds to {qboRounded:0.00}, " +
            $"but the line says {line.AmountCents / 100m:0.00}.", "Change the quantity or the unit amount so the amount comes out exact.", null, "Edit the document");
    }

    /// <summary>A line mapped to an item or class made inactive in QuickBooks: QBO would answer 610 Object Not Found.</summary>
    public static PushProblem InactiveMapping(string what, string name, DocumentLine line, int index) =>
        new(InactiveMapped, $"Line {index + 1} (“{line.Name}”) maps to the {what} “{name}”, which is inactive in QuickBooks.",
            $"Make it active in QuickBooks, or map the {(what == "class" ? "cost type" : "cost code")} to another {what}.",
            what == "class" ? ClassesPage : Mappings.DefaultItem.PagePath, "Change the mapping");

    public static PushProblem? Totals(Document d) => d.Kind == DocumentKind.Bill && d.TotalCents < 0
        ? new(NegativeBill, "A bill cannot total less than zero in QuickBooks.", "Record a vendor credit in QuickBooks instead, or change the bill.", null, "Edit the bill")
        : null;

    public static PushProblem? DocNumber(string? number) => number is { Length: > DocNumberMax }
        ? new(DocNumberTooLong, $"The number “{number}” is longer than QuickBooks' {DocNumberMax} characters.", "Shorten the number.", null, "Edit the document")
        : null;

    public static PushProblem? SalesTax(Document d, bool usingSalesTax, bool hasTaxCode)
    {
        if (d.TaxCents == 0) return null;
        if (!usingSalesTax)
        {
            return new(SalesTaxOff, $"This invoice charges {d.TaxCents / 100m:0.00} tax, but sales tax is off in QuickBooks, so its total there would be {d.SubtotalCents / 100m:0.00}.",
                "In QuickBooks: Taxes → Sales tax → Set up sales tax; or clear the location's tax rate and save the invoice again.", IntegrationsPage, "Check again");
        }
        return hasTaxCode ? null : new(NoTaxCode, "Sales tax is on in QuickBooks but it has no sales tax rate to charge it with.",
            "In QuickBooks: Taxes → Sales tax → add a rate for your agency, then push again.", null, null);
    }

    /// <summary>
    /// The QBO record was deleted there: only a deliberate re-push (<c>POST /api/v1/quickbooks/documents/{id}/repush</c>, a new
    /// generation) creates it again, never an edit's push or Push All.
    /// </summary>
    public static PushProblem? Deleted(QboLink? link, bool repush) =>
        link is { State: QboLinkState.Deleted } && OffsetsQuickBooksCreditMemo(link) ? OffsetDeleted(link)
        : link is { State: QboLinkState.Deleted } && !repush
        ? new(DeletedInQuickBooks, $"This document's QuickBooks {link.QboType} (id {link.QboId}) was deleted in QuickBooks.",
            "Push it again to create a new one in QuickBooks (the deleted one is not restored).", null, "Push again")
        : null;

    /// <summary>
    /// A negative invoice made in Groundwork to offset a credit memo the bookkeeper issued in QuickBooks (linked to it, not
    /// created by Groundwork). Its credit memo is QuickBooks' record: Groundwork updates it, and never creates one.
    /// </summary>
    public static bool OffsetsQuickBooksCreditMemo(QboLink link) =>
        link.Kind == LinkedKind.Invoice && link.QboType == Inbound.QboEntities.CreditMemo && link.Source == QboLinkSource.Imported;

    /// <summary>The credit memo an offsetting invoice mirrors was deleted in QuickBooks: pushing it again would make a credit memo the bookkeeper removed.</summary>
    public static PushProblem OffsetDeleted(QboLink link) =>
        new(OffsetCreditMemoDeleted, $"This invoice offsets QuickBooks credit memo {link.QboName ?? link.QboId} (id {link.QboId}), which was deleted in QuickBooks. " +
            "Groundwork never creates that credit memo again: void this invoice (the credit is gone), or issue the credit again in QuickBooks and offset that one.",
            "Void this invoice.", null, "Void");

    public static PushProblem ChangedKind(string from, string to) =>
        new(KindChanged, $"This document is a QuickBooks {from}, but its total now makes it a {to}; QuickBooks cannot turn one into the other.",
            "Void it and make a new document with the new total.", null, "Void");
}
