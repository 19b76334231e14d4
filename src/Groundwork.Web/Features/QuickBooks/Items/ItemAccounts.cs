using Groundwork.Web.Features.QuickBooks.Lists;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Items;

/// <summary>A QBO account a new item may post to.</summary>
public sealed record AccountChoice(string Id, string Name, string? Type);

/// <summary>The accounts a new item may use, and the defaults offered first.</summary>
public sealed record ItemAccountChoices(IReadOnlyList<AccountChoice> Income, IReadOnlyList<AccountChoice> Expense, string? DefaultIncomeId, string? DefaultExpenseId)
{
    /// <summary>Most accounts offered in one list: a chart of accounts is far smaller.</summary>
    public const int Max = 500;

    /// <summary>
    /// From the cached Account list (active ones only): income accounts are Income / Other Income; expense accounts are
    /// Cost of Goods Sold, Expense and Other Expense. Defaults: “Services”, else the first Income account; “Cost of Goods
    /// Sold”, else the first Cost of Goods Sold account, else the first Expense account.
    /// </summary>
    public static async Task<ItemAccountChoices> ReadAsync(QboLists lists, long connectionId, CancellationToken ct)
    {
        var accounts = await lists.Entries(connectionId, QboListType.Account).Where(a => a.Active)
            .Where(a => a.Subtype == "Income" || a.Subtype == "Other Income" || a.Subtype == "Cost of Goods Sold" || a.Subtype == "Expense" || a.Subtype == "Other Expense")
            .OrderBy(a => a.NameKey).ThenBy(a => a.QboId).Take(Max * 2).ToListAsync(ct);
        var income = accounts.Where(a => a.Subtype is "Income" or "Other Income").Take(Max).Select(Choice).ToList();
        var expense = accounts.Where(a => a.Subtype is "Cost of Goods Sold" or "Expense" or "Other Expense").Take(Max).Select(Choice).ToList();
        var defaultIncome = Named(income, "Services") ?? income.FirstOrDefault(a => a.Type == "Income") ?? income.FirstOrDefault();
        var defaultExpense = Named(expense, "Cost of Goods Sold") ?? expense.FirstOrDefault(a => a.Type == "Cost of Goods Sold")
            ?? expense.FirstOrDefault(a => a.Type == "Expense") ?? expense.FirstOrDefault();
        return new ItemAccountChoices(income, expense, defaultIncome?.Id, defaultExpense?.Id);
    }

    private static AccountChoice Choice(QboListEntry a) => new(a.QboId, a.Name, a.Subtype);

    private static AccountChoice? Named(IEnumerable<AccountChoice> accounts, string name) =>
        accounts.FirstOrDefault(a => string.Equals(Links.NameMatch.Key(a.Name), Links.NameMatch.Key(name), StringComparison.Ordinal));
}
