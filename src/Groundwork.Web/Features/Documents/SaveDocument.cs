using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Documents;

/// <summary>Creates a draft invoice or bill (id null), or replaces the header and lines of an editable one.</summary>
public sealed class SaveDocument(GroundworkDbContext db, Organizations.OrganizationCalendar calendar, DocumentHistory history,
    QuickBooks.Sync.SyncOutbox outbox) : IUseCase
{
    private const int NumberAttempts = 10;

    public async Task<Outcome<Document>> HandleAsync(DocumentKind kind, long? id, DocumentInput input, CancellationToken ct)
    {
        var autoNumber = string.IsNullOrWhiteSpace(input.Number);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await SaveOnceAsync(kind, id, input, ct);
            // An empty number means "the next one": when a racing save took it, that is not the user's mistake — take the next.
            var numberTaken = outcome.Kind == OutcomeKind.Invalid && outcome.Errors.ContainsKey(nameof(DocumentInput.Number));
            if (!autoNumber || !numberTaken || attempt == NumberAttempts) return outcome;
        }
    }

    private async Task<Outcome<Document>> SaveOnceAsync(DocumentKind kind, long? id, DocumentInput input, CancellationToken ct)
    {
        var check = await ValidateAsync(kind, input, ct);
        if (check.HasErrors) return check.ToOutcome<Document>();

        var job = await db.Jobs.Include(j => j.Location).FirstAsync(j => j.Id == input.JobId, ct);
        Document? document;
        if (id is null)
        {
            document = new Document { Kind = kind, Number = "", Status = DocumentStatus.Draft };
            db.Documents.Add(document);
            history.Record(document, null, DocumentStatus.Draft, "Created");
        }
        else
        {
            document = await db.Documents.Include(d => d.Lines).FirstOrDefaultAsync(d => d.Id == id && d.Kind == kind, ct);
            if (document is null) return Outcome<Document>.NotFound($"{kind} {id} was not found.");
            if (!DocumentRules.IsEditable(document))
            {
                return Outcome<Document>.Conflict($"This {kind.ToString().ToLowerInvariant()} is {document.Status} and can no longer be edited.");
            }
            SaveChanges.ExpectVersion(db, document, input.Version);
            // Even an edit of lines only must check and bump the document's version, or a stale edit would win silently.
            db.Entry(document).State = EntityState.Modified;
            db.DocumentLines.RemoveRange(document.Lines);
            document.Lines.Clear();
        }

        var typesTaxableByDefault = await TypesTaxableByDefaultAsync(input, ct);
        Apply(document, kind, input, job, input.IssueDate ?? await calendar.TodayAsync(ct), typesTaxableByDefault);
        if (string.IsNullOrWhiteSpace(document.Number))
        {
            document.Number = await NextNumberAsync(kind, ct);
        }
        if (kind == DocumentKind.Bill && document.TotalCents < 0)
        {
            db.ChangeTracker.Clear();
            return Outcome<Document>.Invalid(nameof(DocumentInput.Lines), "A bill cannot total less than zero; record a vendor credit in QuickBooks instead.");
        }
        if (DocumentMath.OutOfRange(document) is { } tooLarge)
        {
            db.ChangeTracker.Clear();
            return Outcome<Document>.Invalid(nameof(DocumentInput.Lines), tooLarge);
        }
        // An edit of a finalized document updates its QBO record: queued in this save's transaction.
        if (id is not null) await outbox.DocumentChangedAsync(document, ct);
        return await SaveChanges.TryAsync(db, document, nameof(DocumentInput.Number), $"{(kind == DocumentKind.Invoice ? "An invoice" : "A bill")} with this number already exists.", ct);
    }

    /// <summary>The cost types, among those named on lines that leave Taxable out, that are taxable by default.</summary>
    private async Task<HashSet<long>> TypesTaxableByDefaultAsync(DocumentInput input, CancellationToken ct)
    {
        var ids = input.Lines.Where(l => l is { Taxable: null, CostTypeId: not null }).Select(l => l!.CostTypeId!.Value).Distinct().ToList();
        return ids.Count == 0 ? [] : (await db.CostTypes.Where(c => ids.Contains(c.Id) && c.TaxableByDefault).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
    }

    private static void Apply(Document document, DocumentKind kind, DocumentInput input, Jobs.Job job, DateOnly issueDate, HashSet<long> typesTaxableByDefault)
    {
        document.Number = input.Number?.Trim() ?? "";
        document.JobId = job.Id;
        document.CustomerId = kind == DocumentKind.Invoice ? job.Location!.CustomerId : null;
        document.VendorId = kind == DocumentKind.Bill ? input.VendorId : null;
        document.IssueDate = issueDate;
        document.DueDate = input.DueDate;
        document.Memo = Customers.AddressInput.Clean(input.Memo);
        document.TaxRateBasisPoints = kind == DocumentKind.Invoice ? job.Location!.TaxRateBasisPoints ?? 0 : 0;
        var position = 0;
        foreach (var line in input.Lines.Where(l => l is not null && !l.IsBlank))
        {
            document.Lines.Add(new DocumentLine
            {
                Position = position++, Name = line.Name.Trim(), Description = Customers.AddressInput.Clean(line.Description),
                CostCodeId = line.CostCodeId, CostTypeId = line.CostTypeId, Quantity = line.Quantity,
                UnitAmountCents = DocumentMath.ToCents(line.UnitAmount),
                Taxable = line.Taxable ?? (line.CostTypeId is { } type && typesTaxableByDefault.Contains(type)),
            });
        }
        DocumentMath.Recalculate(document);
    }

    private async Task<string> NextNumberAsync(DocumentKind kind, CancellationToken ct)
    {
        var count = await db.Documents.CountAsync(d => d.Kind == kind, ct);
        var prefix = kind == DocumentKind.Invoice ? "INV-" : "BILL-";
        var next = 1001 + count;
        while (await db.Documents.AnyAsync(d => d.Kind == kind && d.Number == prefix + next, ct))
        {
            next++;
        }
        return prefix + next;
    }

    private async Task<RequestValidator> ValidateAsync(DocumentKind kind, DocumentInput input, CancellationToken ct)
    {
        var check = new RequestValidator().Annotations(input);
        // Blank form rows are skipped, so they do not count; a body of nothing but blank rows is still bounded.
        var lines = input.Lines.Count(l => l is null || !l.IsBlank);
        if (lines > Limits.DocumentLines || input.Lines.Count > 2 * Limits.DocumentLines)
        {
            return check.Add(nameof(DocumentInput.Lines),
                $"This {DocumentRules.Noun(kind)} has {Math.Max(lines, input.Lines.Count):N0} lines; the most one can have is {Limits.DocumentLines:N0}.");
        }
        check.Check(input.Lines.Any(l => l is not null && !l.IsBlank), nameof(DocumentInput.Lines), "Add at least one line.");
        check.Check(input.DueDate is null || input.IssueDate is null || input.DueDate >= input.IssueDate,
            nameof(DocumentInput.DueDate), "Due date cannot be before the issue date.");
        for (var i = 0; i < input.Lines.Count; i++)
        {
            CheckLine(check, input.Lines[i], i);
        }
        if (check.HasErrors) return check;

        check.Check(await db.Jobs.AnyAsync(j => j.Id == input.JobId, ct), nameof(DocumentInput.JobId), "The job does not exist.");
        if (kind == DocumentKind.Bill)
        {
            check.Check(input.VendorId is { } v && await db.Vendors.AnyAsync(x => x.Id == v, ct), nameof(DocumentInput.VendorId), "Choose a vendor.");
        }
        var codes = input.Lines.Where(l => l.CostCodeId is not null).Select(l => l.CostCodeId!.Value).Distinct().ToList();
        var types = input.Lines.Where(l => l.CostTypeId is not null).Select(l => l.CostTypeId!.Value).Distinct().ToList();
        check.Check(await db.CostCodes.CountAsync(c => codes.Contains(c.Id), ct) == codes.Count, nameof(DocumentInput.Lines), "A line names a cost code that does not exist.");
        check.Check(await db.CostTypes.CountAsync(c => types.Contains(c.Id), ct) == types.Count, nameof(DocumentInput.Lines), "A line names a cost type that does not exist.");
        return check;
    }

    private static void CheckLine(RequestValidator check, LineInput? line, int i)
    {
        var prefix = $"Lines[{i}]";
        if (line is null)
        {
            check.Add(prefix, $"Line {i + 1} is empty (null); send a line or leave it out.");
            return;
        }
        if (line.IsBlank) return;
        prefix += ".";
        var quantity = prefix + nameof(LineInput.Quantity);
        var unit = prefix + nameof(LineInput.UnitAmount);
        check.Annotations(line, prefix)
            .Check(line.Quantity != 0, quantity, "Quantity cannot be zero.")
            .Check(Math.Abs(line.Quantity) <= Limits.LargestQuantity, quantity, $"Quantity must be between -{Limits.LargestQuantity:N0} and {Limits.LargestQuantity:N0}.")
            .Check(decimal.Round(line.Quantity, 4) == line.Quantity, quantity, "Quantity can have at most four decimals.")
            .Check(Math.Abs(line.UnitAmount) <= Limits.LargestUnitAmount, unit, $"Unit amount must be between -{Limits.LargestUnitAmount:N0} and {Limits.LargestUnitAmount:N0}.")
            .Check(decimal.Round(line.UnitAmount, 2) == line.UnitAmount, unit, "Amount can have at most two decimals.");
        if (Math.Abs(line.Quantity) > Limits.LargestQuantity || Math.Abs(line.UnitAmount) > Limits.LargestUnitAmount) return;
        var amount = DocumentMath.LineAmount(line.Quantity, DocumentMath.ToCents(line.UnitAmount));
        check.Check(Math.Abs(amount) <= Limits.LargestAmountCents, unit,
            $"Line {i + 1} comes to {DocumentMath.Format(amount)}; a line can be at most {DocumentMath.Format(Limits.LargestAmountCents)}.");
    }
}
