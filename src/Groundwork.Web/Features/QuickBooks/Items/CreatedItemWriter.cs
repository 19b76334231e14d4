using System.Security.Cryptography;
using System.Text;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Items;

/// <summary>A checked name and its accounts: what QBO is asked to create.</summary>
public sealed record NewItem(string Name, string Type, string IncomeAccountId, string ExpenseAccountId);

/// <summary>
/// Creates one item in QBO through the company's gateway and maps the cost code to it (a <see cref="QboLink"/> of kind
/// CostCode, source Created), remembering the item in the list cache. The requestid is derived from the cost code and
/// what is sent, so a retry after a lost answer replays QBO's first answer instead of making a second item.
/// </summary>
internal sealed class CreatedItemWriter(GroundworkDbContext db, QboLists lists, QboCompanyCalls qbo, ITenantContext tenant)
{
    public async Task<CreatedItemResult> CreateAsync(long connectionId, long costCodeId, NewItem item, CancellationToken ct)
    {
        var organizationId = tenant.OrganizationId ?? throw new InvalidOperationException("No organization in scope.");
        var wire = new QboItem
        {
            Name = item.Name, Type = item.Type, IncomeAccountRef = new QboRef(item.IncomeAccountId), ExpenseAccountRef = new QboRef(item.ExpenseAccountId),
        };
        QboItem created;
        try
        {
            created = (await qbo.CallAsync(organizationId, (c, company, t) => c.CreateAsync(company, wire, RequestId(connectionId, costCodeId, item), t), ct)).Value;
        }
        catch (QboNotConnectedException ex)
        {
            return new(costCodeId, null, ex.Message, null);
        }
        catch (QboException ex)
        {
            return new(costCodeId, null, Refusal(ex, item.Name), null);
        }

        var mapped = new MappedItem(created.Id!, created.Name ?? item.Name);
        await lists.RememberAsync(connectionId, created, ct);
        MapCostCode(db, connectionId, costCodeId, mapped);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new(costCodeId, mapped, $"QuickBooks created “{mapped.Name}”, but the cost code was mapped meanwhile by someone else; it keeps that mapping.", null);
        }
        return new(costCodeId, mapped, null, null);
    }

    /// <summary>The cost-code mapping for an item Groundwork created (saved with the caller's next SaveChanges).</summary>
    internal static QboLink MapCostCode(GroundworkDbContext db, long connectionId, long costCodeId, MappedItem item)
    {
        var link = new QboLink { ConnectionId = connectionId, Kind = LinkedKind.CostCode, LocalId = costCodeId, Source = QboLinkSource.Created };
        link.PointAt("Item", item.QboItemId, item.Name);
        db.QboLinks.Add(link);
        return link;
    }

    /// <summary>≤ 50 characters, as QBO requires: the cost code and a hash of what is sent.</summary>
    internal static string RequestId(long connectionId, long costCodeId, NewItem item)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{connectionId}|{item.Name}|{item.Type}|{item.IncomeAccountId}|{item.ExpenseAccountId}"));
        return $"gw-item-{costCodeId}-{Convert.ToHexStringLower(hash)[..16]}";
    }

    private static string Refusal(QboException ex, string name)
    {
        var tid = $"(intuit_tid {ex.IntuitTid ?? "none"})";
        if (ex.Fault.Code == "6240")
            return $"QuickBooks already has a Product/Service named “{name}” (code 6240 Duplicate Name Exists) {tid}. Refresh the Products/Services list and choose another name.";
        if (ex.StatusCode is null || (int)ex.StatusCode >= 500 || ex.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            return $"QuickBooks did not answer; nothing is known to be created {tid}. Try again: the same request cannot create a second item.";
        return $"QuickBooks refused the item: {ex.Fault.Message}{(ex.Fault.Detail is { } d ? " — " + d : "")} (code {ex.Fault.Code ?? "none"}) {tid}.";
    }
}
