using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Layout;

/// <summary>One layout the user can choose, as the page and the API explain it.</summary>
public sealed record CustomerLayoutOption(string Value, string Title, string Explanation, string[] Example);

/// <summary>
/// The one rule for when the customer layout may change: before the first document syncs. Once any invoice, bill or
/// payment of the connection is linked to QBO, its customer references already follow the layout, and changing it would
/// leave QBO with both shapes.
/// </summary>
public static class CustomerLayoutRules
{
    public const string LockedReason =
        "The customer layout is locked: documents have already synced to QuickBooks with this layout, and changing it now would mix both shapes there.";

    private static readonly LinkedKind[] Documents = [LinkedKind.Invoice, LinkedKind.Bill, LinkedKind.Payment];

    public static Task<bool> IsLockedAsync(GroundworkDbContext db, long connectionId, CancellationToken ct) =>
        db.QboLinks.AnyAsync(l => l.ConnectionId == connectionId && Documents.Contains(l.Kind), ct);

    public static IReadOnlyList<CustomerLayoutOption> Options { get; } =
    [
        new(nameof(QboCustomerLayout.LocationAsSubCustomer), "Locations as sub-customers (recommended)",
            "Each Groundwork customer is a QuickBooks customer; each of its locations is a sub-customer under it. Every job at a location invoices to that sub-customer.",
            ["Amy Lee", "Amy Lee:12 Oak Street", "Amy Lee:40 Bay Road"]),
        new(nameof(QboCustomerLayout.JobAsSubCustomer), "Jobs as sub-customers",
            "Each Groundwork customer is a QuickBooks customer; each job is a sub-customer under it, so QuickBooks reports profit per job. Locations stay in Groundwork only.",
            ["Amy Lee", "Amy Lee:Kitchen remodel", "Amy Lee:Deck repair"]),
    ];

    /// <summary>The enum name exactly (any case); numbers and unknown names are refused.</summary>
    public static bool TryParse(string? value, out QboCustomerLayout layout)
    {
        layout = default;
        if (string.IsNullOrWhiteSpace(value) || value.Length > 64) return false;
        var match = Enum.GetNames<QboCustomerLayout>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        return match is not null && Enum.TryParse(match, out layout);
    }
}
