using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Items;

/// <summary>The cost codes to preview as new Products/Services.</summary>
public sealed class ItemsPreviewRequest
{
    public List<long>? CostCodeIds { get; set; }
}

/// <summary>Creates one Product/Service per cost code; <see cref="Names"/> (by cost code id) are the names the user edited.</summary>
public sealed class CreateItemsRequest
{
    public List<long>? CostCodeIds { get; set; }
    /// <summary>Service (default) or NonInventory.</summary>
    public string? Type { get; set; }
    public string? IncomeAccountId { get; set; }
    public string? ExpenseAccountId { get; set; }
    public Dictionary<string, string?>? Names { get; set; }
}

/// <summary>The QBO item a cost code is mapped to.</summary>
public sealed record MappedItem(string QboItemId, string? Name);

/// <summary>One cost code as a new Product/Service: the proposed name, what QBO would refuse, and a fix.</summary>
public sealed record ItemProposal(long CostCodeId, string? Number, string? CostCodeName, string? ProposedName, IReadOnlyList<string> Problems,
    string? SuggestedName, MappedItem? MappedTo);

public sealed record ItemsPreview(IReadOnlyList<ItemProposal> CostCodes, ItemAccountChoices Accounts);

/// <summary>What happened to one cost code: the item created, or why not (<see cref="SuggestedName"/> would pass).</summary>
public sealed record CreatedItemResult(long CostCodeId, MappedItem? Created, string? Reason, string? SuggestedName);

/// <summary>
/// Create missing items in QuickBooks (issue 8): each selected cost code becomes a Service or Non-inventory item named
/// with its number and name (or the name the user edited), with income and expense accounts, and is mapped to it.
/// Names are checked against QBO's rules first (<see cref="ItemNameRule"/>); a refused name never reaches QBO.
/// </summary>
public sealed class CreateMissingItems(GroundworkDbContext db, QboLists lists, ITenantContext tenant, QboCompanyCalls qbo) : IUseCase
{
    private readonly CreatedItemWriter writer = new(db, lists, qbo, tenant);

    /// <summary>Most cost codes in one request: each is one QBO call, within QBO's 500 a minute.</summary>
    public const int MaxCostCodes = 100;
    /// <summary>Longest edited name accepted at all; names over QBO's 100 are refused per cost code with a fix.</summary>
    public const int MaxNameInput = 500;
    public static readonly string[] Types = ["Service", "NonInventory"];

    public async Task<Outcome<ItemsPreview>> PreviewAsync(ItemsPreviewRequest request, CancellationToken ct)
    {
        var errors = CheckIds(request.CostCodeIds, new RequestValidator());
        if (errors.HasErrors) return errors.ToOutcome<ItemsPreview>();
        var ready = await ReadyAsync(ct);
        if (!ready.IsOk) return Refused<ItemsPreview, (long, ItemNameRule, ItemAccountChoices)>(ready);
        var (connectionId, rule, accounts) = ready.Value!;
        var ids = request.CostCodeIds!.Distinct().ToList();
        var (codes, mapped) = await CostCodesAsync(connectionId, ids, ct);
        var proposals = new List<ItemProposal>();
        foreach (var id in ids)
        {
            if (!codes.TryGetValue(id, out var code))
            {
                proposals.Add(new(id, null, null, null, ["The cost code was not found."], null, null));
                continue;
            }
            var proposed = ItemNameRule.Proposed(code.Number, code.Name);
            if (mapped.TryGetValue(id, out var item))
            {
                proposals.Add(new(id, code.Number, code.Name, proposed, [AlreadyMapped(item)], null, item));
                continue;
            }
            var check = rule.Check(proposed);
            proposals.Add(new(id, code.Number, code.Name, proposed, check.Problems, check.SuggestedName, null));
        }
        return Outcome<ItemsPreview>.Ok(new(proposals, accounts));
    }

    public async Task<Outcome<List<CreatedItemResult>>> CreateAsync(CreateItemsRequest request, CancellationToken ct)
    {
        var validator = CheckIds(request.CostCodeIds, new RequestValidator());
        var type = Types.FirstOrDefault(t => string.Equals(t, request.Type ?? "Service", StringComparison.OrdinalIgnoreCase));
        validator.Check(type is not null, nameof(request.Type), "Type must be Service or NonInventory.");
        var names = ParseNames(request, validator);
        if (validator.HasErrors) return validator.ToOutcome<List<CreatedItemResult>>();
        var ready = await ReadyAsync(ct);
        if (!ready.IsOk) return Refused<List<CreatedItemResult>, (long, ItemNameRule, ItemAccountChoices)>(ready);
        var (connectionId, rule, accounts) = ready.Value!;
        var income = Account(request.IncomeAccountId, accounts.Income, accounts.DefaultIncomeId, nameof(request.IncomeAccountId), "income", validator);
        var expense = Account(request.ExpenseAccountId, accounts.Expense, accounts.DefaultExpenseId, nameof(request.ExpenseAccountId), "expense", validator);
        if (validator.HasErrors) return validator.ToOutcome<List<CreatedItemResult>>();
        if (income is null || expense is null)
        {
            return Outcome<List<CreatedItemResult>>.Conflict(
                $"QuickBooks has no active {(income is null ? "income" : "expense")} account for new Products/Services. In QuickBooks: Gear → Chart of accounts → New, then refresh the accounts here.");
        }

        var ids = request.CostCodeIds!.Distinct().ToList();
        var (codes, mapped) = await CostCodesAsync(connectionId, ids, ct);
        var results = new List<CreatedItemResult>();
        foreach (var id in ids)
        {
            if (!codes.TryGetValue(id, out var code))
            {
                results.Add(new(id, null, "The cost code was not found.", null));
                continue;
            }
            if (mapped.TryGetValue(id, out var item))
            {
                results.Add(new(id, null, AlreadyMapped(item), null));
                continue;
            }
            var check = rule.Check(names.GetValueOrDefault(id) ?? ItemNameRule.Proposed(code.Number, code.Name));
            if (!check.Ok)
            {
                results.Add(new(id, null, string.Join(" ", check.Problems), check.SuggestedName.Length > 0 ? check.SuggestedName : null));
                continue;
            }
            results.Add(await writer.CreateAsync(connectionId, id, new NewItem(check.Name, type!, income, expense), ct));
        }
        return Outcome<List<CreatedItemResult>>.Ok(results);
    }

    private static Outcome<T> Refused<T, TFrom>(Outcome<TFrom> from) =>
        from.Kind == OutcomeKind.NotFound ? Outcome<T>.NotFound(from.Message!) : Outcome<T>.Conflict(from.Message!);

    private static string AlreadyMapped(MappedItem item) =>
        $"Already mapped to the Product/Service “{item.Name ?? item.QboItemId}”; nothing was created.";

    private static RequestValidator CheckIds(List<long>? ids, RequestValidator validator)
    {
        if (ids is null || ids.Count == 0) return validator.Add("CostCodeIds", "Select at least one cost code.");
        if (ids.Count > MaxCostCodes) return validator.Add("CostCodeIds", $"At most {MaxCostCodes} cost codes per request.");
        return validator.Check(ids.All(i => i > 0), "CostCodeIds", "Cost code ids are positive numbers.");
    }

    private static Dictionary<long, string> ParseNames(CreateItemsRequest request, RequestValidator validator)
    {
        var names = new Dictionary<long, string>();
        if (request.Names is null) return names;
        if (request.Names.Count > MaxCostCodes) validator.Add("Names", $"At most {MaxCostCodes} names per request.");
        foreach (var (key, value) in request.Names.Take(MaxCostCodes))
        {
            if (!long.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || request.CostCodeIds?.Contains(id) != true)
                validator.Add("Names", $"“{Clip(key)}” is not one of the selected cost code ids.");
            else if (value is null)
                validator.Add($"Names.{id}", "The name may not be null.");
            else if (value.Length > MaxNameInput || !NameRules.IsStorable(value))
                validator.Add($"Names.{id}", $"The name must be storable text of at most {MaxNameInput} characters.");
            else
                names[id] = value;
        }
        return names;
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string? Account(string? requested, IReadOnlyList<AccountChoice> choices, string? fallback, string field, string kind, RequestValidator validator)
    {
        if (requested is null) return fallback;
        if (choices.Any(a => a.Id == requested)) return requested;
        validator.Add(field, $"Choose an active {kind} account from QuickBooks' chart of accounts.");
        return null;
    }

    private async Task<Outcome<(long ConnectionId, ItemNameRule Rule, ItemAccountChoices Accounts)>> ReadyAsync(CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<(long, ItemNameRule, ItemAccountChoices)>.NotFound("QuickBooks is not connected.");
        if (connection.Status != QboConnectionStatus.Connected)
            return Outcome<(long, ItemNameRule, ItemAccountChoices)>.Conflict("QuickBooks is not connected now; reconnect it under Settings → Integrations.");
        foreach (var list in new[] { QboListType.Item, QboListType.Account })
        {
            var snapshot = await lists.GetAsync(list, refresh: false, ct);
            if (!snapshot.IsOk) return Outcome<(long, ItemNameRule, ItemAccountChoices)>.Conflict(snapshot.Message!);
        }
        var items = await lists.Entries(connection.Id, QboListType.Item).Select(e => new { e.NameKey, e.Name, e.Active }).ToListAsync(ct);
        var rule = new ItemNameRule(items.Select(i => (i.NameKey, i.Name, i.Active)));
        var accounts = await ItemAccountChoices.ReadAsync(lists, connection.Id, ct);
        return Outcome<(long, ItemNameRule, ItemAccountChoices)>.Ok((connection.Id, rule, accounts));
    }

    private async Task<(Dictionary<long, CostCodes.CostCode> Codes, Dictionary<long, MappedItem> Mapped)> CostCodesAsync(long connectionId, List<long> ids, CancellationToken ct)
    {
        var codes = await db.CostCodes.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var mapped = await db.QboLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connectionId && l.Kind == LinkedKind.CostCode && ids.Contains(l.LocalId))
            .ToDictionaryAsync(l => l.LocalId, l => new MappedItem(l.QboId, l.QboName), ct);
        return (codes, mapped);
    }
}
