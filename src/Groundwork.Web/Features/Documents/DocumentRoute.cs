namespace Groundwork.Web.Features.Documents;

/// <summary>Invoices and bills share pages; the first URL segment names the kind.</summary>
public static class DocumentRoute
{
    public static DocumentKind? Parse(string? segment) => segment?.ToLowerInvariant() switch
    {
        "invoices" => DocumentKind.Invoice,
        "bills" => DocumentKind.Bill,
        _ => null,
    };

    public static string Segment(DocumentKind kind) => kind == DocumentKind.Invoice ? "invoices" : "bills";
    public static string Title(DocumentKind kind) => kind == DocumentKind.Invoice ? "Invoice" : "Bill";
}
