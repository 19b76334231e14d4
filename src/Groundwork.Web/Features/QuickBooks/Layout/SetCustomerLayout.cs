using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Layout;

/// <summary>The layout as the page and the API show it.</summary>
public sealed record CustomerLayoutView(string Layout, bool Locked, string? LockedReason, IReadOnlyList<CustomerLayoutOption> Options);

public sealed class CustomerLayoutInput
{
    public string? Layout { get; set; }
}

/// <summary>Reads the connection's customer layout, or changes it while no document has synced.</summary>
public sealed class SetCustomerLayout(GroundworkDbContext db) : IUseCase
{
    private const string NotConnected = "QuickBooks is not connected.";

    public async Task<Outcome<CustomerLayoutView>> GetAsync(CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<CustomerLayoutView>.NotFound(NotConnected);
        return Outcome<CustomerLayoutView>.Ok(await ViewAsync(connection, ct));
    }

    public async Task<Outcome<CustomerLayoutView>> HandleAsync(CustomerLayoutInput input, CancellationToken ct)
    {
        if (!CustomerLayoutRules.TryParse(input.Layout, out var layout))
        {
            return Outcome<CustomerLayoutView>.Invalid(nameof(CustomerLayoutInput.Layout),
                $"Layout must be one of: {string.Join(", ", Enum.GetNames<QboCustomerLayout>())}.");
        }
        var connection = await db.QboConnections.FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<CustomerLayoutView>.NotFound(NotConnected);
        if (connection.CustomerLayout == layout) return Outcome<CustomerLayoutView>.Ok(await ViewAsync(connection, ct));
        if (await CustomerLayoutRules.IsLockedAsync(db, connection.Id, ct)) return Outcome<CustomerLayoutView>.Conflict(CustomerLayoutRules.LockedReason);

        connection.CustomerLayout = layout;
        var saved = await SaveChanges.TryAsync(db, connection, nameof(CustomerLayoutInput.Layout), "The layout could not be saved.", ct);
        return saved.IsOk ? Outcome<CustomerLayoutView>.Ok(await ViewAsync(connection, ct)) : Pass(saved);
    }

    private async Task<CustomerLayoutView> ViewAsync(QboConnection connection, CancellationToken ct)
    {
        var locked = await CustomerLayoutRules.IsLockedAsync(db, connection.Id, ct);
        return new(connection.CustomerLayout.ToString(), locked, locked ? CustomerLayoutRules.LockedReason : null, CustomerLayoutRules.Options);
    }

    private static Outcome<CustomerLayoutView> Pass(Outcome<QboConnection> failed) => failed.Kind switch
    {
        OutcomeKind.Invalid => Outcome<CustomerLayoutView>.Invalid(failed.Errors),
        OutcomeKind.NotFound => Outcome<CustomerLayoutView>.NotFound(failed.Message ?? NotConnected),
        _ => Outcome<CustomerLayoutView>.Conflict(failed.Message ?? SaveChanges.ConflictMessage),
    };
}
