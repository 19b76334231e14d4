using System.Globalization;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Sync.Inbound;

namespace Groundwork.Web.Features.QuickBooks.Sync.Reconciliation;

/// <summary>Both sides of a month as read: the month's records plus the linked ones dated elsewhere (their date is a difference).</summary>
/// <param name="JobPartyId">With a job: the QuickBooks (sub-)customer its documents go to, when linked.</param>
/// <param name="JobIdentities">With a job: every QuickBooks document linked to one of its documents (what its payments apply to).</param>
public sealed record ReconciliationInput(
    DateOnly From, DateOnly To, long? JobId, string? JobPartyId, IReadOnlySet<string> JobIdentities,
    IReadOnlyList<GroundworkDocument> Documents, IReadOnlyList<GroundworkPayment> Payments,
    IReadOnlyList<QuickBooksDocument> QboDocuments, IReadOnlyList<QuickBooksPayment> QboPayments, IReadOnlyDictionary<string, string> Names);

/// <summary>Links from a difference to the record on each side.</summary>
public sealed record ReconciliationLinks(Func<string, string, string?> QboUrl)
{
    public static string DocumentUrl(DocumentKind kind, long id) => $"/{DocumentRoute.Segment(kind)}/{id.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// The reconciliation, written once and pure: which records of each side belong to the month (and job), what each side
/// totals, and why each pair, or each record without a partner, disagrees. A Groundwork record and a QuickBooks record are
/// a pair only through their link (<c>Entity:Id</c>), never by number or amount.
/// </summary>
public static class ReconciliationRules
{
    public static (IReadOnlyList<ReconciliationSummary> Summary, IReadOnlyList<ReconciliationTotal> ByItem, IReadOnlyList<ReconciliationTotal> ByClass,
        IReadOnlyList<ReconciliationDifference> Differences) Reconcile(ReconciliationInput input, ReconciliationLinks links)
    {
        var scope = new Scope(input);
        var documents = input.Documents.Where(d => scope.InMonth(d.Date) && scope.In(d)).ToList();
        var qboDocuments = input.QboDocuments.Where(q => scope.InMonth(q.Date) && scope.In(q)).ToList();
        var payments = input.Payments.Where(p => scope.InMonth(p.Date) && scope.In(p)).ToList();
        var qboPayments = input.QboPayments.Where(p => scope.InMonth(p.Date) && scope.In(p)).ToList();
        var summary = new List<ReconciliationSummary>
        {
            DocumentSummary("invoices", "Invoices and credit memos", DocumentKind.Invoice, documents, qboDocuments),
            DocumentSummary("bills", "Bills", DocumentKind.Bill, documents, qboDocuments),
            PaymentSummary("payments", "Payments received", DocumentKind.Invoice, payments, qboPayments),
            PaymentSummary("billPayments", "Bill payments", DocumentKind.Bill, payments, qboPayments),
        };
        var differences = new List<ReconciliationDifference>();
        differences.AddRange(DocumentDifferences.Find(input, scope, documents, qboDocuments, links));
        differences.AddRange(PaymentDifferences.Find(input, scope, payments, qboPayments, links));
        return (summary, Totals(input, documents, qboDocuments, k => k.ItemId, "item"), Totals(input, documents, qboDocuments, k => k.ClassId, "class"),
            differences.OrderBy(d => KindOrder(d.Kind)).ThenBy(d => d.Date).ThenBy(d => d.Reference, StringComparer.Ordinal).ToList());
    }

    public static string Money(long cents) => DocumentMath.Format(cents);

    /// <summary>"An Invoice", "A Bill": the article for a QuickBooks entity name in a sentence.</summary>
    public static string Article(string entity) => entity.Length > 0 && "AEIOU".Contains(entity[0], StringComparison.Ordinal) ? "An" : "A";

    public static string KindName(DocumentKind kind, bool payment) => (kind, payment) switch
    {
        (DocumentKind.Invoice, false) => "invoice",
        (DocumentKind.Bill, false) => "bill",
        (DocumentKind.Invoice, true) => "payment",
        _ => "billPayment",
    };

    private static int KindOrder(string kind) => kind switch { "invoice" => 0, "bill" => 1, "payment" => 2, _ => 3 };

    private static ReconciliationSummary DocumentSummary(string key, string label, DocumentKind kind, List<GroundworkDocument> documents, List<QuickBooksDocument> qbo)
    {
        var ours = documents.Where(d => d.Kind == kind).ToList();
        var theirs = qbo.Where(q => q.Kind == kind).ToList();
        return new ReconciliationSummary(key, label,
            new ReconciliationSide(ours.Count(d => !d.Voided), ours.Count(d => d.Voided), Sum(ours.Where(d => !d.Voided), d => d.TotalCents), Sum(ours, d => d.OpenCents)),
            new ReconciliationSide(theirs.Count(q => !q.Voided), theirs.Count(q => q.Voided), Sum(theirs.Where(q => !q.Voided), q => q.TotalCents), Sum(theirs, q => q.OpenCents)));
    }

    private static ReconciliationSummary PaymentSummary(string key, string label, DocumentKind kind, List<GroundworkPayment> payments, List<QuickBooksPayment> qbo)
    {
        var ours = payments.Where(p => p.Kind == kind).ToList();
        var theirs = qbo.Where(p => p.Kind == kind && !p.Voided).ToList();
        return new ReconciliationSummary(key, label,
            new ReconciliationSide(ours.Count, 0, Sum(ours, p => p.AmountCents), null, kind == DocumentKind.Invoice ? 0 : null),
            new ReconciliationSide(theirs.Count, qbo.Count(p => p.Kind == kind && p.Voided), Sum(theirs, p => p.TotalCents), null,
                kind == DocumentKind.Invoice ? Sum(theirs, p => p.UnappliedCents) : null));
    }

    /// <summary>Line amounts of the month's documents (voided ones apart) by Product/Service or Class, invoices and bills apart.</summary>
    private static List<ReconciliationTotal> Totals(ReconciliationInput input, List<GroundworkDocument> documents, List<QuickBooksDocument> qbo,
        Func<LineKey, string?> pick, string prefix)
    {
        var sums = new Dictionary<(DocumentKind, string?), (long Ours, long Theirs)>();
        foreach (var d in documents.Where(d => !d.Voided))
        {
            foreach (var (key, cents) in d.Lines) Add(sums, (d.Kind, pick(key)), cents, 0);
        }
        foreach (var q in qbo.Where(q => !q.Voided))
        {
            foreach (var (key, cents) in q.Lines) Add(sums, (q.Kind, pick(key)), 0, cents);
        }
        string Name(string? id) => id is null ? (prefix == "item" ? "(no Product/Service)" : "(no class)")
            : input.Names.GetValueOrDefault($"{prefix}:{id}") ?? input.QboDocuments.Select(q => q.Names.GetValueOrDefault($"{prefix}:{id}")).FirstOrDefault(n => n is not null) ?? $"#{id}";
        return sums.Select(s => new ReconciliationTotal(KindName(s.Key.Item1, false), s.Key.Item2, Name(s.Key.Item2), s.Value.Ours, s.Value.Theirs))
            .OrderBy(t => t.Kind == "invoice" ? 0 : 1).ThenBy(t => t.QboId is null).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static void Add(Dictionary<(DocumentKind, string?), (long Ours, long Theirs)> sums, (DocumentKind, string?) key, long ours, long theirs)
    {
        var (o, t) = sums.GetValueOrDefault(key);
        sums[key] = (checked(o + ours), checked(t + theirs));
    }

    private static long Sum<T>(IEnumerable<T> items, Func<T, long> cents)
    {
        long total = 0;
        foreach (var item in items) total = checked(total + cents(item));
        return total;
    }
}

/// <summary>Which records belong to the month and, with a job, to the job.</summary>
internal sealed class Scope(ReconciliationInput input)
{
    private readonly Dictionary<string, GroundworkDocument> _documentsByLink = input.Documents.Where(d => d.Link is not null)
        .GroupBy(d => d.Link!.Identity, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    private readonly Dictionary<string, GroundworkPayment> _paymentsByLink = input.Payments.Where(p => p.Link is not null)
        .GroupBy(p => p.Link!.Identity, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public bool InMonth(DateOnly? date) => date is { } d && d >= input.From && d <= input.To;

    public GroundworkDocument? LinkedTo(QuickBooksDocument q) => _documentsByLink.GetValueOrDefault(q.Identity);

    public GroundworkPayment? LinkedTo(QuickBooksPayment p) => _paymentsByLink.GetValueOrDefault(p.Identity);

    public bool In(GroundworkDocument d) => input.JobId is not { } job || d.JobId == job;

    public bool In(GroundworkPayment p) => input.JobId is not { } job || p.JobIds.Contains(job);

    /// <summary>Linked: where its Groundwork document is. Not linked: a job's invoice is its (sub-)customer's; a job's bill has a line charged to it.</summary>
    public bool In(QuickBooksDocument q)
    {
        if (input.JobId is null) return true;
        if (LinkedTo(q) is { } d) return In(d);
        if (input.JobPartyId is not { } party) return false;
        return q.Kind == DocumentKind.Bill ? q.LineCustomers.Contains(party) : q.PartyId == party;
    }

    public bool In(QuickBooksPayment p)
    {
        if (input.JobId is null) return true;
        if (LinkedTo(p) is { } ours) return In(ours);
        return p.AppliedTo.Any(t => input.JobIdentities.Contains(ApplyQboChange.Identity(t.Entity, t.Id)))
            || (p.Entity == QboEntities.Payment && input.JobPartyId is { } party && p.PartyId == party);
    }
}
