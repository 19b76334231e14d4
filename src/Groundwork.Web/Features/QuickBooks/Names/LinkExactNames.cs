using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features.QuickBooks.Names;

/// <summary>Optional: one kind (customer, location, vendor); all three when absent.</summary>
public sealed class LinkExactInput
{
    public string? Kind { get; set; }
}

public sealed record LinkedName(string Kind, long Id, string Name, string QboId, string QboName);

public sealed record SkippedName(string Kind, long Id, string Name, string Reason, string Detail);

/// <summary>What one run linked (one batch id) and what it skipped and why; <c>more</c> when records were left for another run.</summary>
public sealed record LinkExactResult(string BatchId, IReadOnlyList<LinkedName> Linked, IReadOnlyList<SkippedName> Skipped, int SkippedCount, bool More);

/// <summary>
/// "Link all exact matches": every unlinked record with exactly one active QBO record of the same kind and the same name
/// (<see cref="NameMatch.Key"/>) that no other record claims is linked, in one save; customers first, so their locations
/// can follow under them. Ambiguous names, names whose only match is inactive or already linked, and locations whose
/// customer is not linked are skipped with the reason. Never writes to QBO.
/// </summary>
public sealed class LinkExactNames(GroundworkDbContext db, QboLists lists) : IUseCase
{
    /// <summary>Records looked at per kind and run; a larger organization runs it again (<c>more</c>).</summary>
    public const int MaxRecords = 5_000;
    /// <summary>Skipped records listed; <see cref="LinkExactResult.SkippedCount"/> counts them all.</summary>
    public const int MaxSkippedShown = 200;

    public async Task<Outcome<LinkExactResult>> HandleAsync(LinkExactInput? input, CancellationToken ct)
    {
        NameKind[] kinds = [NameKind.Customer, NameKind.Location, NameKind.Vendor];
        if (input?.Kind is { } text)
        {
            if (!NameKinds.TryParse(text, out var one)) return Outcome<LinkExactResult>.Invalid("kind", $"kind must be {NameKinds.Choices}.");
            kinds = [one];
        }
        var batch = Guid.NewGuid().ToString("D");
        var linked = new List<LinkedName>();
        var skipped = new List<SkippedName>();
        var newCustomers = new Dictionary<long, string>();
        var more = false;
        foreach (var kind in kinds)
        {
            var board = await NameBoard.LoadAsync(db, lists, kind, refresh: false, ct);
            if (!board.IsOk)
            {
                // Locations under the job layout are not linked; with all kinds asked for, that is not an error.
                if (kinds.Length > 1 && kind == NameKind.Location && board.Kind == OutcomeKind.Conflict) continue;
                return LinkName.Relay<NameBoard, LinkExactResult>(board);
            }
            var records = await NameRecords.UnlinkedAsync(db, kind, board.Value!.Connection.Id, MaxRecords + 1, ct);
            more |= records.Count > MaxRecords;
            var rows = await board.Value.RowsAsync([.. records.Take(MaxRecords)], withNear: false, newCustomers, ct);
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                var decision = Decide(kind, row, claimed);
                if (decision.Skip is { } skip)
                {
                    skipped.Add(skip);
                    continue;
                }
                if (decision.Match is not { } match) continue;
                claimed.Add(match.QboId);
                var link = new QboLink { ConnectionId = board.Value.Connection.Id, Kind = kind.Linked(), LocalId = row.Id, Source = QboLinkSource.Autofill, BatchId = batch };
                link.PointAt(kind.QboType(), match.QboId, match.Name);
                db.QboLinks.Add(link);
                linked.Add(new LinkedName(kind.Slug(), row.Id, row.Name, match.QboId, match.Name));
                if (kind == NameKind.Customer) newCustomers[row.Id] = match.QboId;
            }
        }
        if (linked.Count > 0)
        {
            var saved = await SaveChanges.TryAsync(db, batch, "kind", "", ct);
            if (!saved.IsOk)
            {
                return Outcome<LinkExactResult>.Conflict("Links changed while this ran (another user linked some of these records); nothing was linked. Run it again.");
            }
        }
        return Outcome<LinkExactResult>.Ok(new(batch, linked, [.. skipped.Take(MaxSkippedShown)], skipped.Count, more));
    }

    private static (NameCandidate? Match, SkippedName? Skip) Decide(NameKind kind, NameLinkRow row, HashSet<string> claimed)
    {
        var exact = row.Candidates.Where(c => c.Match == "exact").ToList();
        if (exact.Count == 0) return (null, null);
        SkippedName Skip(string reason, string detail) => new(kind.Slug(), row.Id, row.Name, reason, detail);
        if (kind == NameKind.Location && row.CustomerQboId is null)
        {
            return (null, Skip("customerNotLinked", $"Link customer “{row.CustomerName}” first, so the location is matched only among its sub-customers."));
        }
        var free = exact.Where(c => c.Active && c.LinkedToId is null && !claimed.Contains(c.QboId)).ToList();
        if (free.Count > 1) return (null, Skip("ambiguous", $"{free.Count} active QuickBooks records have this name; choose one."));
        if (free.Count == 1) return (free[0], null);
        if (exact.Any(c => c.Active)) return (null, Skip("alreadyLinked", "The QuickBooks record with this name is already linked to another Groundwork record."));
        return (null, Skip("inactive", "Only an inactive QuickBooks record has this name: make it active in QuickBooks, or link it by hand with confirmation."));
    }
}
