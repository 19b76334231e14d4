using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.BillPayments;

/// <summary>A QBO account bills can be paid from.</summary>
public sealed record BillPaymentAccountOption(string Id, string Name, string Type);

/// <summary>The setting as the page and the API show it: the chosen account (null until chosen), the choices, and how many payments wait for it.</summary>
public sealed record BillPaymentAccountView(BillPaymentAccountOption? Account, IReadOnlyList<BillPaymentAccountOption> Options, int Waiting);

public sealed class BillPaymentAccountInput
{
    /// <summary>The QBO id of a Bank or Credit Card account.</summary>
    public string? AccountId { get; set; }
}

/// <summary>
/// The bank or credit card account Groundwork's bill payments are paid from in QuickBooks, chosen once per organization
/// from QBO's active Bank and Credit Card accounts (read through the gateway into the account list). Until it is chosen,
/// bill payments wait; choosing it sends them.
/// </summary>
public sealed class BillPaymentAccounts(GroundworkDbContext db, QboLists lists, SyncOutbox outbox) : IUseCase
{
    private const string NotConnected = "QuickBooks is not connected.";

    public async Task<Outcome<BillPaymentAccountView>> GetAsync(bool refresh, CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<BillPaymentAccountView>.NotFound(NotConnected);
        return Outcome<BillPaymentAccountView>.Ok(await ViewAsync(connection, await OptionsAsync(connection.Id, refresh, ct), ct));
    }

    public async Task<Outcome<BillPaymentAccountView>> HandleAsync(BillPaymentAccountInput input, CancellationToken ct)
    {
        var connection = await db.QboConnections.FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<BillPaymentAccountView>.NotFound(NotConnected);
        if (string.IsNullOrWhiteSpace(input.AccountId))
        {
            return Outcome<BillPaymentAccountView>.Invalid(nameof(BillPaymentAccountInput.AccountId), "Choose the bank or credit card account bills are paid from.");
        }
        var options = await OptionsAsync(connection.Id, refresh: false, ct);
        if (options.FirstOrDefault(o => o.Id == input.AccountId.Trim()) is not { } chosen)
        {
            return Outcome<BillPaymentAccountView>.Invalid(nameof(BillPaymentAccountInput.AccountId),
                $"Account {input.AccountId.Trim()} is not an active Bank or Credit Card account in QuickBooks; choose one from the list (refresh it if it was just added).");
        }
        connection.BillPaymentAccountId = chosen.Id;
        connection.BillPaymentAccountName = chosen.Name;
        connection.BillPaymentAccountType = chosen.Type;
        var saved = await SaveChanges.TryAsync(db, connection, nameof(BillPaymentAccountInput.AccountId), "The account could not be saved.", ct);
        if (!saved.IsOk) return Outcome<BillPaymentAccountView>.Conflict(saved.Message ?? SaveChanges.ConflictMessage);
        await outbox.ReleaseWaitingAsync(PaymentPusher.WaitAccount, ct);
        return Outcome<BillPaymentAccountView>.Ok(await ViewAsync(connection, options, ct));
    }

    private async Task<List<BillPaymentAccountOption>> OptionsAsync(long connectionId, bool refresh, CancellationToken ct)
    {
        await lists.GetAsync(QboListType.Account, refresh, ct);
        return (await lists.Entries(connectionId, QboListType.Account)
                .Where(e => e.Active && (e.Subtype == BillPaymentAccounts.Bank || e.Subtype == BillPaymentAccounts.CreditCard))
                .OrderBy(e => e.NameKey).Take(500).ToListAsync(ct))
            .Select(e => new BillPaymentAccountOption(e.QboId, e.Name, e.Subtype!)).ToList();
    }

    private async Task<BillPaymentAccountView> ViewAsync(Connection.QboConnection connection, List<BillPaymentAccountOption> options, CancellationToken ct)
    {
        var account = connection.BillPaymentAccountId is { } id ? new BillPaymentAccountOption(id, connection.BillPaymentAccountName ?? id, connection.BillPaymentAccountType ?? Bank) : null;
        var waiting = await db.QboOutbox.CountAsync(e => e.WaitCode == PaymentPusher.WaitAccount, ct);
        return new BillPaymentAccountView(account, options, waiting);
    }

    /// <summary>QBO's AccountType values Groundwork pays bills from: Bank → a check, Credit Card → a card payment.</summary>
    public const string Bank = "Bank";
    public const string CreditCard = "Credit Card";
}
