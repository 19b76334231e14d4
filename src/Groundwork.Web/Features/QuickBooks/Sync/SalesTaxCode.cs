using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// The QuickBooks tax code a taxed invoice names in <c>TxnTaxDetail.TxnTaxCodeRef</c> (with Groundwork's tax as the
/// <c>TotalTax</c> override): the first active code that carries sales rates. One rule for the push and the dry run.
/// </summary>
public static class SalesTaxCode
{
    /// <summary>Null when the company does not use sales tax (as last checked) or has no such code.</summary>
    public static async Task<string?> FindAsync(QboCompanyCalls calls, QboConnection connection, CancellationToken ct, int maxAttempts = QboRetryClassifier.MaxTransientAttempts,
        TimeSpan? maxWait = null) =>
        (await FindCodeAsync(calls, connection, ct, maxAttempts, maxWait))?.Id;

    /// <summary>The code itself, for the dry run to show its name.</summary>
    public static async Task<QboTaxCode?> FindCodeAsync(QboCompanyCalls calls, QboConnection connection, CancellationToken ct,
        int maxAttempts = QboRetryClassifier.MaxTransientAttempts, TimeSpan? maxWait = null)
    {
        var salesTax = Readiness.FromJson(connection.ReadinessJson)?.Items.FirstOrDefault(i => i.Key == "sales-tax")?.Ok == true;
        if (!salesTax) return null;
        var codes = (await calls.CallAsync(connection.OrganizationId, (c, company, t) =>
            c.QueryAsync<QboTaxCode>(company, QboQuery.From("TaxCode").MaxResults(QboQuery.MaxPageSize), t), ct, maxAttempts: maxAttempts, maxWait: maxWait)).Items;
        return codes.FirstOrDefault(c => c.Active != false && c.SalesTaxRateList?.TaxRateDetail is { Count: > 0 });
    }
}

/// <summary>
/// The push's copy of <see cref="SalesTaxCode.FindAsync"/>'s answer per connection, kept until the company's readiness is
/// checked again (every <see cref="PushEngine.ReadinessMaxAge"/> while pushing): a Push All drains in many steps, and a
/// query per step cost one of QBO's permits and a wait. One entry per connection.
/// </summary>
public sealed class SalesTaxCodes
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, (DateTime? CheckedAtUtc, string? Code)> _byConnection = new();

    public async Task<string?> FindAsync(QboCompanyCalls calls, QboConnection connection, CancellationToken ct)
    {
        if (_byConnection.TryGetValue(connection.Id, out var kept) && kept.CheckedAtUtc == connection.ReadinessCheckedAtUtc && kept.CheckedAtUtc is not null)
        {
            return kept.Code;
        }
        var code = await SalesTaxCode.FindAsync(calls, connection, ct);
        _byConnection[connection.Id] = (connection.ReadinessCheckedAtUtc, code);
        return code;
    }
}
