using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Features.QuickBooks.Names;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>The company-wide facts every plan needs, read once per drain (or dry run).</summary>
public sealed record PushSettings(
    Readiness? Readiness, bool ClassesPerLine, bool CustomNumbers, bool UsingSalesTax, string? SalesTaxCodeId,
    (string Id, string? Name)? DefaultItem, bool DefaultItemUsable,
    IReadOnlyDictionary<long, (string Id, string? Name)> CostCodeItems, IReadOnlyDictionary<long, (string Id, string? Name)> CostTypeClasses,
    IReadOnlyDictionary<long, string> CostTypeNames, QboCustomerLayout Layout, IReadOnlySet<string> InactiveItems, IReadOnlySet<string> InactiveClasses);

/// <summary>
/// Works out <see cref="PushPlan"/>s for documents from Groundwork's rows, the links and the cached QBO lists, with no QBO
/// call: the same plan feeds the dry run and the push, so what the preview says is what the push does.
/// </summary>
public sealed class PushPlanner(GroundworkDbContext db)
{
    public async Task<PushSettings> SettingsAsync(QboConnection connection, string? salesTaxCodeId, CancellationToken ct)
    {
        var readiness = Connection.Readiness.FromJson(connection.ReadinessJson);
        bool Ok(string key) => readiness?.Items.FirstOrDefault(i => i.Key == key)?.Ok == true;
        var mappings = await db.QboLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connection.Id && (l.Kind == LinkedKind.CostCode || l.Kind == LinkedKind.CostType || l.Kind == LinkedKind.DefaultItem))
            .Select(l => new { l.Kind, l.LocalId, l.QboId, l.QboName }).ToListAsync(ct);
        var defaultItem = mappings.FirstOrDefault(m => m.Kind == LinkedKind.DefaultItem);
        var usable = defaultItem is not null && await db.Set<QboListEntry>().AnyAsync(
            e => e.ConnectionId == connection.Id && e.List == QboListType.Item && e.QboId == defaultItem.QboId && e.Active, ct);
        var typeNames = await db.CostTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var inactive = await db.Set<QboListEntry>().AsNoTracking()
            .Where(e => e.ConnectionId == connection.Id && !e.Active && (e.List == QboListType.Item || e.List == QboListType.Class))
            .Select(e => new { e.List, e.QboId }).ToListAsync(ct);
        return new PushSettings(readiness, Ok("class-tracking"), Ok("custom-txn-numbers"), Ok("sales-tax"), salesTaxCodeId,
            defaultItem is null ? null : (defaultItem.QboId, defaultItem.QboName), usable,
            mappings.Where(m => m.Kind == LinkedKind.CostCode).ToDictionary(m => m.LocalId, m => (m.QboId, m.QboName)),
            mappings.Where(m => m.Kind == LinkedKind.CostType).ToDictionary(m => m.LocalId, m => (m.QboId, m.QboName)),
            typeNames, connection.CustomerLayout,
            inactive.Where(e => e.List == QboListType.Item).Select(e => e.QboId).ToHashSet(StringComparer.Ordinal),
            inactive.Where(e => e.List == QboListType.Class).Select(e => e.QboId).ToHashSet(StringComparer.Ordinal));
    }

    /// <param name="repush">Documents whose QBO record was deleted there and a person asked to push again; others with a deleted record are held back.</param>
    public async Task<Dictionary<long, PushPlan>> PlanAsync(QboConnection connection, PushSettings settings, IReadOnlyCollection<long> documentIds, CancellationToken ct,
        IReadOnlySet<long>? repush = null)
    {
        var documents = await db.Documents.AsNoTracking().AsSplitQuery()
            .Include(d => d.Lines).Include(d => d.Job!).ThenInclude(j => j.Location!).ThenInclude(l => l.Customer)
            .Include(d => d.Vendor)
            .Where(d => documentIds.Contains(d.Id)).ToListAsync(ct);
        var parties = documents.SelectMany(d => Parties(d, settings.Layout)).DistinctBy(p => (p.Kind, p.LocalId)).ToList();
        var names = await NameFacts.LoadAsync(db, connection.Id, parties, ct);
        var documentLinks = await DocumentLinksAsync(connection.Id, documents, ct);
        return NewNames.HoldSecondOfAName(documents.ToDictionary(d => d.Id, d => Plan(d, settings, names, documentLinks.GetValueOrDefault((SyncOutbox.LinkKind(d.Kind), d.Id)),
            repush?.Contains(d.Id) == true)));
    }

    private async Task<Dictionary<(LinkedKind, long), QboLink>> DocumentLinksAsync(long connectionId, List<Document> documents, CancellationToken ct)
    {
        var ids = documents.Select(d => d.Id).ToList();
        return await db.QboLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connectionId && (l.Kind == LinkedKind.Invoice || l.Kind == LinkedKind.Bill) && ids.Contains(l.LocalId))
            .ToDictionaryAsync(l => (l.Kind, l.LocalId), ct);
    }

    /// <summary>The names a document needs in QBO, parents first: the customer and its sub-customer (bills too, for job costing), the vendor.</summary>
    internal static List<NameNeed> Parties(Document d, QboCustomerLayout layout)
    {
        var location = d.Job!.Location!;
        var customer = location.Customer!;
        var needs = new List<NameNeed> { new(LinkedKind.Customer, customer.Id, customer.Name, null, null) };
        needs.Add(layout == QboCustomerLayout.JobAsSubCustomer
            ? new(LinkedKind.Job, d.Job.Id, d.Job.Name, LinkedKind.Customer, customer.Id)
            : new(LinkedKind.Location, location.Id, location.Name, LinkedKind.Customer, customer.Id));
        if (d.Kind == DocumentKind.Bill && d.Vendor is { } vendor) needs.Add(new(LinkedKind.Vendor, vendor.Id, vendor.Name, null, null));
        return needs;
    }

    private static PushPlan Plan(Document d, PushSettings s, NameFacts names, QboLink? link, bool repush)
    {
        var problems = new List<PushProblem>();
        void Add(PushProblem? p)
        {
            if (p is not null) problems.Add(p);
        }
        var generation = link?.Generation ?? 0;
        // Its QBO record is gone: a create, under the generation the re-push gave it, or nothing until a person asks.
        Add(PushChecks.Deleted(link, repush));
        if (link is { State: QboLinkState.Deleted }) link = null;
        Add(PushChecks.Readiness(s.Readiness));
        var planned = names.PlanAll(Parties(d, s.Layout), Add);
        var lines = new List<PlannedLine>();
        var unmappedTypes = new SortedSet<string>(StringComparer.Ordinal);
        var needsDefault = false;
        var anyClass = false;
        var sign = d.Kind == DocumentKind.Invoice && d.TotalCents < 0 ? -1 : 1;
        foreach (var (line, i) in d.Lines.OrderBy(l => l.Position).Select((l, i) => (l, i)))
        {
            Add(PushChecks.Line(line, i));
            var mapped = PushChecks.UsesDefaultItem(line.CostCodeId, s.CostCodeItems) ? ((string, string?)?)null : s.CostCodeItems[line.CostCodeId!.Value];
            needsDefault |= mapped is null;
            var (itemId, itemName) = mapped ?? s.DefaultItem ?? ("", null);
            (string Id, string? Name)? cls = line.CostTypeId is { } type && s.CostTypeClasses.TryGetValue(type, out var c) ? c : null;
            anyClass |= cls is not null;
            if (mapped is { } m && s.InactiveItems.Contains(m.Item1)) Add(PushChecks.InactiveMapping("Product/Service", m.Item2 ?? m.Item1, line, i));
            if (cls is { } k && s.ClassesPerLine && s.InactiveClasses.Contains(k.Id)) Add(PushChecks.InactiveMapping("class", k.Name ?? k.Id, line, i));
            if (cls is null && line.CostTypeId is { } unmapped) unmappedTypes.Add(s.CostTypeNames.GetValueOrDefault(unmapped, $"#{unmapped}"));
            lines.Add(new PlannedLine(line.Position, line.Name, line.Description, itemId, itemName, mapped is null,
                s.ClassesPerLine ? cls?.Id : null, s.ClassesPerLine ? cls?.Name : null,
                sign * line.Quantity, line.UnitAmountCents / 100m, sign * line.AmountCents / 100m,
                d.Kind == DocumentKind.Invoice && line.Taxable));
        }
        Add(PushChecks.DefaultItem(s.DefaultItemUsable, needsDefault));
        Add(PushChecks.Classes(s.ClassesPerLine, unmappedTypes, anyClass));
        Add(PushChecks.Totals(d));
        Add(PushChecks.DocNumber(s.CustomNumbers ? d.Number : null));
        if (d.Kind == DocumentKind.Invoice) Add(PushChecks.SalesTax(d, s.UsingSalesTax, s.SalesTaxCodeId is not null));
        var entity = d.Kind == DocumentKind.Bill ? "Bill" : sign < 0 ? "CreditMemo" : "Invoice";
        if (link is not null && link.QboType != entity) Add(PushChecks.ChangedKind(link.QboType, entity));
        var tax = d.Kind == DocumentKind.Invoice && s.UsingSalesTax ? sign * d.TaxCents / 100m : 0;
        return new PushPlan(d.Id, d.Kind, d.Number, entity, link is null ? "create" : "update", link?.QboId, planned, lines,
            s.CustomNumbers ? d.Number : null, d.IssueDate, d.DueDate, sign * d.SubtotalCents / 100m, tax, sign * d.SubtotalCents / 100m + tax,
            tax != 0 ? s.SalesTaxCodeId : null, problems, generation) { Finalized = DocumentRules.IsFinalized(d) };
    }
}

/// <summary>A name a document needs in QBO.</summary>
internal sealed record NameNeed(LinkedKind Kind, long LocalId, string Name, LinkedKind? ParentKind, long? ParentLocalId);
