using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Sync.Reconciliation;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Reconciliation;

/// <summary>
/// The comparison as a table of cases QuickBooks and status back can leave for a moment or for good: one pair (or lone
/// record) in, the one cause out. The HTTP tests cover the same rules end to end for the cases the emulator can hold still.
/// </summary>
public sealed class ReconciliationRulesTests
{
    private static readonly DateOnly From = new(2025, 6, 1);
    private static readonly DateOnly To = new(2025, 6, 30);
    private static readonly DateOnly Day = new(2025, 6, 10);
    private static readonly LineKey Services = new("1", "7");
    private static readonly ReconciliationLinks Links = new((type, id) => $"qbo://{type}/{id}");

    private static GroundworkDocument Ours(long total = 10_000, bool voided = false, DateOnly? date = null, long paid = 0, long outside = 0,
        DocumentKind kind = DocumentKind.Invoice, string? party = "58", long jobId = 1, LinkedRecord? link = null, Dictionary<LineKey, long>? lines = null) =>
        new(1, kind, "INV-1", jobId, date ?? Day, voided, total, paid, outside, "Synced", link ?? new LinkedRecord(kind == DocumentKind.Bill ? "Bill" : "Invoice", "9", false),
            party, lines ?? new Dictionary<LineKey, long> { [Services] = total });

    private static QuickBooksDocument Theirs(long total = 10_000, bool voided = false, DateOnly? date = null, long paid = 0, string entity = "Invoice",
        string? party = "58", string[]? lineCustomers = null, Dictionary<LineKey, long>? lines = null) =>
        new(entity, "9", "INV-1", date ?? Day, party, (lineCustomers ?? []).ToHashSet(), voided, total, paid, lines ?? new Dictionary<LineKey, long> { [Services] = total },
            new Dictionary<string, string> { ["item:1"] = "Services", ["class:7"] = "Labor" });

    private static IReadOnlyList<ReconciliationDifference> Differences(GroundworkDocument[] ours, QuickBooksDocument[] theirs, long? jobId = null, string? jobParty = null,
        GroundworkPayment[]? payments = null, QuickBooksPayment[]? qboPayments = null) =>
        ReconciliationRules.Reconcile(new ReconciliationInput(From, To, jobId, jobParty, new HashSet<string>(), ours, payments ?? [], theirs, qboPayments ?? [],
            new Dictionary<string, string>()), Links).Differences;

    public static TheoryData<string, GroundworkDocument, QuickBooksDocument, string?, string?> Pairs => new()
    {
        { "equal", Ours(), Theirs(), null, null },
        { "both voided", Ours(voided: true), Theirs(total: 0, voided: true), null, null },
        { "voided in QuickBooks only", Ours(), Theirs(total: 0, voided: true), DifferenceCause.VoidedInQuickBooksOnly, "Voided in QuickBooks" },
        { "voided in Groundwork only", Ours(voided: true), Theirs(), DifferenceCause.VoidedInGroundworkOnly, "$100.00" },
        { "total edited", Ours(), Theirs(total: 12_000), DifferenceCause.EditedInQuickBooks, "QuickBooks' total is $120.00, Groundwork's $100.00" },
        { "lines moved between items, same total", Ours(), Theirs(lines: new() { [Services] = 4_000, [new LineKey("2", "7")] = 6_000 }),
            DifferenceCause.EditedInQuickBooks, "Services / Labor $40.00 in QuickBooks, $100.00 in Groundwork" },
        { "another customer", Ours(), Theirs(party: "61"), DifferenceCause.EditedInQuickBooks, "Another customer in QuickBooks." },
        { "date moved within the month", Ours(), Theirs(date: Day.AddDays(3)), DifferenceCause.EditedInQuickBooks, "Dated 2025-06-13 in QuickBooks, 2025-06-10 in Groundwork." },
        { "paid in QuickBooks, not yet in Groundwork", Ours(), Theirs(paid: 4_000), DifferenceCause.BalanceDiffers, "QuickBooks has $40.00 paid, Groundwork $0.00" },
        { "paid as QuickBooks says, plus a payment only in Groundwork", Ours(paid: 7_000, outside: 3_000), Theirs(paid: 4_000), null, null },
        { "credit memo settled", Ours(total: -5_000, paid: -5_000, link: new LinkedRecord("CreditMemo", "9", false)), Theirs(total: -5_000, paid: -5_000, entity: "CreditMemo"), null, null },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Reconcile_LinkedPair_HasTheCause(string _, GroundworkDocument ours, QuickBooksDocument theirs, string? cause, string? message)
    {
        var differences = Differences([ours], [theirs]);

        if (cause is null)
        {
            Assert.Empty(differences);
            return;
        }
        var difference = Assert.Single(differences);
        Assert.Equal((cause, 1L, "9", "qbo://" + theirs.Entity + "/9", "/invoices/1"),
            (difference.Cause, difference.LocalId, difference.QboId, difference.QboUrl, difference.GroundworkUrl));
        Assert.Contains(message!, difference.Message);
    }

    [Fact]
    public void Reconcile_LinkedToADocumentOfAnotherMonth_ListsThePairOnceByItsDates()
    {
        var ours = Ours(date: new DateOnly(2025, 5, 31));

        var differences = Differences([ours], [Theirs()]);

        var moved = Assert.Single(differences);
        Assert.Equal(DifferenceCause.EditedInQuickBooks, moved.Cause);
        Assert.StartsWith("Dated 2025-06-10 in QuickBooks, 2025-05-31 in Groundwork.", moved.Message);
    }

    [Fact]
    public void Reconcile_LinkDeletedOrRecordMissing_IsDeletedUnlessVoidInGroundwork()
    {
        Assert.Equal(DifferenceCause.DeletedInQuickBooks, Assert.Single(Differences([Ours(link: new LinkedRecord("Invoice", "9", Deleted: true))], [])).Cause);
        Assert.Equal(DifferenceCause.DeletedInQuickBooks, Assert.Single(Differences([Ours()], [])).Cause);
        Assert.Empty(Differences([Ours(voided: true, total: -2_000, link: new LinkedRecord("CreditMemo", "9", Deleted: true))], []));
    }

    [Fact]
    public void Reconcile_ForAJob_TakesAnUnlinkedBillByTheCustomerOfItsLines()
    {
        var otherJobs = Theirs(entity: "Bill", party: "vendor-3", lineCustomers: ["70"]);
        var ours = Theirs(entity: "Bill", party: "vendor-3", lineCustomers: ["70", "71"]) with { Id = "10" };

        var differences = Differences([], [otherJobs with { Id = "11", LineCustomers = new HashSet<string> { "72" } }, ours], jobId: 5, jobParty: "71");

        var only = Assert.Single(differences);
        Assert.Equal((DifferenceCause.OnlyInQuickBooks, "10", "bill"), (only.Cause, only.QboId, only.Kind));
    }

    [Fact]
    public void Reconcile_Payments_LinkedEditedDeletedAndUnapplied()
    {
        var payment = new GroundworkPayment(3, DocumentKind.Invoice, Day, 5_000, "CHK-1", [1], [1], new LinkedRecord("Payment", "40", false));
        var gone = payment with { Id = 4, Link = new LinkedRecord("Payment", "41", false) };
        var unsent = payment with { Id = 5, Link = null };
        var edited = new QuickBooksPayment("Payment", "40", "CHK-1", Day, "58", false, 6_000, 1_000, [("Invoice", "9")]);

        var differences = Differences([], [], payments: [payment, gone, unsent], qboPayments: [edited]);

        Assert.Equal(
            [(DifferenceCause.EditedInQuickBooks, (long?)3), (DifferenceCause.DeletedInQuickBooks, 4), (DifferenceCause.NotSynced, 5), (DifferenceCause.UnappliedPayment, null)],
            differences.Select(d => (d.Cause, d.LocalId)).OrderBy(d => d.LocalId ?? long.MaxValue));
        Assert.Contains("$60.00 in QuickBooks, $50.00 in Groundwork", differences.Single(d => d.LocalId == 3).Message);
        Assert.All(differences, d => Assert.Equal("payment", d.Kind));
    }
}
