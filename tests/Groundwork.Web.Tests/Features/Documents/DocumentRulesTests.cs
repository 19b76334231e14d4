using Groundwork.Web.Features.Documents;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.Documents;

/// <summary>The document lifecycle as tables: one row per case, like the retry classifier's.</summary>
public sealed class DocumentRulesTests
{
    private static Document Doc(DocumentKind kind, DocumentStatus status, long paid = 0, long total = 10_000) =>
        new() { Kind = kind, Number = "X-1", Status = status, PaidCents = paid, TotalCents = total };

    /// <summary>kind, status, paid cents, action → the new status, or null when the move is refused.</summary>
    public static TheoryData<DocumentKind, DocumentStatus, long, DocumentAction, DocumentStatus?> Transitions => new()
    {
        { DocumentKind.Invoice, DocumentStatus.Draft, 0, DocumentAction.Finalize, DocumentStatus.Pending },
        { DocumentKind.Invoice, DocumentStatus.Pending, 0, DocumentAction.Finalize, null },
        { DocumentKind.Invoice, DocumentStatus.Void, 0, DocumentAction.Finalize, null },
        { DocumentKind.Bill, DocumentStatus.Draft, 0, DocumentAction.Finalize, null },
        { DocumentKind.Bill, DocumentStatus.Draft, 0, DocumentAction.Approve, DocumentStatus.Approved },
        { DocumentKind.Bill, DocumentStatus.Rejected, 0, DocumentAction.Approve, DocumentStatus.Approved },
        { DocumentKind.Bill, DocumentStatus.Approved, 0, DocumentAction.Approve, null },
        { DocumentKind.Bill, DocumentStatus.Void, 0, DocumentAction.Approve, null },
        { DocumentKind.Invoice, DocumentStatus.Draft, 0, DocumentAction.Approve, null },
        { DocumentKind.Bill, DocumentStatus.Draft, 0, DocumentAction.Reject, DocumentStatus.Rejected },
        { DocumentKind.Bill, DocumentStatus.Approved, 0, DocumentAction.Reject, DocumentStatus.Rejected },
        { DocumentKind.Bill, DocumentStatus.PartiallyPaid, 500, DocumentAction.Reject, null },
        { DocumentKind.Bill, DocumentStatus.Rejected, 0, DocumentAction.Reject, null },
        { DocumentKind.Invoice, DocumentStatus.Pending, 0, DocumentAction.Reject, null },
        { DocumentKind.Invoice, DocumentStatus.Draft, 0, DocumentAction.Void, DocumentStatus.Void },
        { DocumentKind.Invoice, DocumentStatus.Pending, 0, DocumentAction.Void, DocumentStatus.Void },
        { DocumentKind.Invoice, DocumentStatus.PartiallyPaid, 500, DocumentAction.Void, null },
        { DocumentKind.Invoice, DocumentStatus.Paid, 10_000, DocumentAction.Void, null },
        { DocumentKind.Bill, DocumentStatus.Rejected, 0, DocumentAction.Void, DocumentStatus.Void },
        { DocumentKind.Bill, DocumentStatus.Approved, 0, DocumentAction.Void, DocumentStatus.Void },
        { DocumentKind.Bill, DocumentStatus.Void, 0, DocumentAction.Void, null },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void DocumentRules_Next_MatchesTable(DocumentKind kind, DocumentStatus status, long paid, DocumentAction action, DocumentStatus? expected)
    {
        var document = Doc(kind, status, paid);

        var (target, refusal) = DocumentRules.Next(document, action);

        Assert.Equal(expected ?? status, target);
        Assert.Equal(expected is null, refusal is not null);
        Assert.Equal(expected is not null, DocumentRules.Allows(document, action));
        Assert.Equal(expected is not null, DocumentRules.ActionsFor(document).Contains(action));
    }

    /// <summary>status, paid cents → open (payable), finalized (syncable), editable.</summary>
    public static TheoryData<DocumentStatus, long, bool, bool, bool> States => new()
    {
        { DocumentStatus.Draft, 0, false, false, true },
        { DocumentStatus.Pending, 0, true, true, true },
        { DocumentStatus.Approved, 0, true, true, true },
        { DocumentStatus.Rejected, 0, false, false, false },
        { DocumentStatus.PartiallyPaid, 500, true, true, false },
        { DocumentStatus.Paid, 10_000, false, true, false },
        { DocumentStatus.Void, 0, false, false, false },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void DocumentRules_Predicates_MatchTable(DocumentStatus status, long paid, bool open, bool finalized, bool editable)
    {
        var document = Doc(status == DocumentStatus.Approved ? DocumentKind.Bill : DocumentKind.Invoice, status, paid);

        Assert.Equal(open, DocumentRules.IsOpen(document));
        Assert.Equal(finalized, DocumentRules.IsFinalized(document));
        Assert.Equal(editable, DocumentRules.IsEditable(document));
        Assert.Equal(open, DocumentRules.Open.Compile()(document));
        Assert.Equal(finalized, DocumentRules.Finalized.Compile()(document));
    }

    /// <summary>kind, total, paid → the status the payments put it in.</summary>
    public static TheoryData<DocumentKind, long, long, DocumentStatus> Payments => new()
    {
        { DocumentKind.Invoice, 10_000, 0, DocumentStatus.Pending },
        { DocumentKind.Invoice, 10_000, 1, DocumentStatus.PartiallyPaid },
        { DocumentKind.Invoice, 10_000, 10_000, DocumentStatus.Paid },
        { DocumentKind.Bill, 10_000, 0, DocumentStatus.Approved },
        { DocumentKind.Bill, 10_000, 9_999, DocumentStatus.PartiallyPaid },
        { DocumentKind.Bill, 10_000, 10_000, DocumentStatus.Paid },
        { DocumentKind.Invoice, 10_000, 12_000, DocumentStatus.Paid },
        // A negative invoice (a credit memo in QuickBooks) is settled by credit applied there: paid is negative too.
        { DocumentKind.Invoice, -10_000, 0, DocumentStatus.Pending },
        { DocumentKind.Invoice, -10_000, -4_000, DocumentStatus.PartiallyPaid },
        { DocumentKind.Invoice, -10_000, -10_000, DocumentStatus.Paid },
    };

    [Theory]
    [MemberData(nameof(Payments))]
    public void DocumentRules_StatusAfterPayments_MatchesTable(DocumentKind kind, long total, long paid, DocumentStatus expected)
    {
        var document = Doc(kind, DocumentStatus.PartiallyPaid, paid, total);

        Assert.Equal(expected, DocumentRules.StatusAfterPayments(document));
    }

    [Fact]
    public void DocumentRules_Statuses_ListOnlyWhatEachKindCanReach()
    {
        Assert.DoesNotContain(DocumentStatus.Approved, DocumentRules.Statuses(DocumentKind.Invoice));
        Assert.DoesNotContain(DocumentStatus.Rejected, DocumentRules.Statuses(DocumentKind.Invoice));
        Assert.DoesNotContain(DocumentStatus.Pending, DocumentRules.Statuses(DocumentKind.Bill));
        Assert.Contains(DocumentStatus.Rejected, DocumentRules.Statuses(DocumentKind.Bill));
    }

    [Theory]
    [InlineData(DocumentKind.Invoice, DocumentStatus.Pending, -5_000, true)]
    [InlineData(DocumentKind.Invoice, DocumentStatus.Pending, 5_000, false)]
    [InlineData(DocumentKind.Invoice, DocumentStatus.Draft, -5_000, false)]
    [InlineData(DocumentKind.Invoice, DocumentStatus.Void, -5_000, false)]
    public void DocumentRules_StatusNote_ExplainsOnlyAFinalizedNegativeInvoice(DocumentKind kind, DocumentStatus status, long total, bool explained)
    {
        var note = DocumentRules.StatusNote(Doc(kind, status, 0, total));

        Assert.Equal(explained, note is not null);
    }
}

/// <summary>The same rules translate to SQL on both providers.</summary>
[Trait("Category", "Database")]
public sealed class DocumentRulesQueryTests(Infrastructure.GroundworkAppFactory app) : IClassFixture<Infrastructure.GroundworkAppFactory>
{
    [Fact]
    public async Task DocumentRules_OpenAndFinalized_SelectTheSameDocumentsInSqlAsInMemory()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var draft = await client.CreateInvoiceAsync(jobId, 10m, finalize: false);
        var pending = await client.CreateInvoiceAsync(jobId, 10m);
        var paid = await client.CreateInvoiceAsync(jobId, 10m);
        var voided = await client.CreateInvoiceAsync(jobId, 10m);
        await client.ActAsync($"/api/v1/invoices/{voided.Id()}/void");
        (await client.PayAsync((paid.Id(), 10m))).EnsureSuccessStatusCode();
        long[] ids = [draft.Id(), pending.Id(), paid.Id(), voided.Id()];

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Groundwork.Web.Data.GroundworkDbContext>();
        var rows = db.Documents.IgnoreQueryFilters().Where(d => ids.Contains(d.Id));
        var open = await rows.Where(DocumentRules.Open).Select(d => d.Id).ToListAsync();
        var finalized = await rows.Where(DocumentRules.Finalized).Select(d => d.Id).OrderBy(id => id).ToListAsync();

        Assert.Equal([pending.Id()], open);
        Assert.Equal(new[] { pending.Id(), paid.Id() }.Order(), finalized);
    }
}
