namespace Groundwork.Web.Features.QuickBooks.Sync.Reconciliation;

/// <summary>
/// One month (optionally one job) of Groundwork's books beside QuickBooks': what each side counts and totals, the same
/// lines grouped by QuickBooks Product/Service and Class, and every difference with its cause. Money is in cents, signed
/// as Groundwork signs it (a credit memo counts as a negative invoice).
/// </summary>
public sealed record ReconciliationReport(
    string Month, DateOnly From, DateOnly To, ReconciledJob? Job, string RealmId, string? CompanyName, DateTime GeneratedAtUtc,
    IReadOnlyList<ReconciliationSummary> Summary, IReadOnlyList<ReconciliationTotal> ByItem, IReadOnlyList<ReconciliationTotal> ByClass,
    IReadOnlyList<ReconciliationDifference> Differences)
{
    /// <summary>No difference, and every count and total agrees.</summary>
    public bool Matches => Differences.Count == 0 && Summary.All(s => s.Matches) && ByItem.All(t => t.Matches) && ByClass.All(t => t.Matches);
}

public sealed record ReconciledJob(long Id, string Number, string Name);

/// <summary>One kind of record on both sides: invoices (credit memos included), bills, customer payments, bill payments.</summary>
public sealed record ReconciliationSummary(string Kind, string Label, ReconciliationSide Groundwork, ReconciliationSide QuickBooks)
{
    public bool Matches => Groundwork.Count == QuickBooks.Count && Groundwork.TotalCents == QuickBooks.TotalCents && Groundwork.OpenCents == QuickBooks.OpenCents;
}

/// <param name="Count">Records that count (voided ones apart).</param>
/// <param name="OpenCents">What is still owed (documents); null for payments.</param>
/// <param name="UnappliedCents">Customer payments in QuickBooks not applied to any invoice; null elsewhere.</param>
public sealed record ReconciliationSide(int Count, int Voided, long TotalCents, long? OpenCents, long? UnappliedCents = null);

/// <summary>Line amounts of one QuickBooks Product/Service or Class (null id: none) on invoices or on bills.</summary>
public sealed record ReconciliationTotal(string Kind, string? QboId, string Name, long GroundworkCents, long QuickBooksCents)
{
    public long DifferenceCents => checked(QuickBooksCents - GroundworkCents);
    public bool Matches => GroundworkCents == QuickBooksCents;
}

/// <summary>Why the two sides disagree about one record.</summary>
public static class DifferenceCause
{
    /// <summary>Linked, but amounts, lines, customer/vendor or date differ (QuickBooks was edited, or Groundwork's mapping changed).</summary>
    public const string EditedInQuickBooks = "editedInQuickBooks";
    public const string DeletedInQuickBooks = "deletedInQuickBooks";
    /// <summary>A customer payment in QuickBooks with an amount not applied to any invoice.</summary>
    public const string UnappliedPayment = "unappliedPayment";
    /// <summary>Finalized (or recorded) in Groundwork, with no QuickBooks record linked.</summary>
    public const string NotSynced = "notSynced";
    /// <summary>A QuickBooks record dated in the month that no Groundwork record is linked to.</summary>
    public const string OnlyInQuickBooks = "onlyInQuickBooks";
    public const string VoidedInQuickBooksOnly = "voidedInQuickBooksOnly";
    public const string VoidedInGroundworkOnly = "voidedInGroundworkOnly";
    /// <summary>Linked and equal, but QuickBooks has another amount paid than the payments Groundwork sent it.</summary>
    public const string BalanceDiffers = "balanceDiffers";

    public static string Label(string cause) => cause switch
    {
        EditedInQuickBooks => "Edited in QuickBooks",
        DeletedInQuickBooks => "Deleted in QuickBooks",
        UnappliedPayment => "Unapplied payment in QuickBooks",
        NotSynced => "Not synced",
        OnlyInQuickBooks => "Only in QuickBooks",
        VoidedInQuickBooksOnly => "Voided in QuickBooks only",
        VoidedInGroundworkOnly => "Voided in Groundwork only",
        BalanceDiffers => "Paid amount differs",
        _ => cause,
    };
}

/// <param name="Kind">invoice, bill, payment (customer) or billPayment.</param>
/// <param name="LocalId">The Groundwork document or payment; null when only QuickBooks has it.</param>
/// <param name="GroundworkUrl">The Groundwork page (a payment: its first document's page).</param>
/// <param name="QboUrl">The record in QuickBooks, when there is one.</param>
public sealed record ReconciliationDifference(
    string Cause, string Kind, long? LocalId, string? Reference, DateOnly? Date, long? GroundworkCents, long? QuickBooksCents,
    string? QboType, string? QboId, string? GroundworkUrl, string? QboUrl, string Message);
