using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Infrastructure;
using System.Text.Json;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Connection;

/// <summary>One line of the readiness checklist: what was found, and the exact QuickBooks steps to fix it.</summary>
public sealed record ReadinessItem(string Key, string Title, bool Ok, bool BlocksPushing, string Finding, string? Fix);

public sealed record Readiness(DateTime CheckedAtUtc, IReadOnlyList<ReadinessItem> Items)
{
    public bool CanPush => Items.All(i => i.Ok || !i.BlocksPushing);

    public static Readiness? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<Readiness>(json);
    public string ToJson() => JsonSerializer.Serialize(this);
}

/// <summary>Reads the QBO company's settings live and turns them into the checklist the brief's steps call for.</summary>
public sealed class CheckReadiness(GroundworkDbContext db, QboCompanyCalls qbo, AppClock clock) : IUseCase
{
    /// <summary>Two tries at most: a person is waiting on the page.</summary>
    private const int Attempts = 2;

    /// <summary>A throttled check (QBO asks for a minute) is reported at once rather than keeping the page waiting.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    public async Task<Outcome<Readiness>> HandleAsync(long organizationId, CancellationToken ct)
    {
        var connection = await db.QboConnections.FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<Readiness>.NotFound("QuickBooks is not connected.");
        int agencies;
        QboPreferences prefs;
        try
        {
            agencies = await qbo.CallAsync(organizationId, (c, company, t) => c.CountAsync(company, QboQuery.Count("TaxAgency"), t), ct, maxAttempts: Attempts, maxWait: LongestWait);
            prefs = (await qbo.CallAsync(organizationId, (c, company, t) => c.ReadPreferencesAsync(company, t), ct, maxAttempts: Attempts, maxWait: LongestWait)).Value;
        }
        catch (QboNotConnectedException ex)
        {
            return Outcome<Readiness>.Conflict(ex.Message);
        }
        catch (QboException ex)
        {
            return Outcome<Readiness>.Conflict(Unanswered(ex));
        }
        var readiness = new Readiness(clock.UtcNow, Evaluate(agencies, prefs));
        connection.ReadinessJson = readiness.ToJson();
        connection.ReadinessCheckedAtUtc = readiness.CheckedAtUtc;
        await db.SaveChangesAsync(ct);
        return Outcome<Readiness>.Ok(readiness);
    }

    /// <summary>What the page says when QuickBooks failed the check: readable, with the id Intuit support asks for.</summary>
    internal static string Unanswered(QboException ex) => ex.StatusCode is null || (int)ex.StatusCode >= 500 || ex.StatusCode == System.Net.HttpStatusCode.TooManyRequests
        ? $"QuickBooks did not answer (intuit_tid {ex.IntuitTid ?? "none"}), try again in a minute."
        : $"QuickBooks refused the check: {ex.Fault.Message} (intuit_tid {ex.IntuitTid ?? "none"}).";

    internal static List<ReadinessItem> Evaluate(int taxAgencies, QboPreferences prefs)
    {
        var perLine = prefs.AccountingInfoPrefs?.ClassTrackingPerTxnLine == true;
        var perTxn = prefs.AccountingInfoPrefs?.ClassTrackingPerTxn == true;
        var customNumbers = prefs.SalesFormsPrefs?.CustomTxnNumbers == true;
        var salesTax = prefs.TaxPrefs?.UsingSalesTax == true;
        return
        [
            new("tax-agency", "A tax agency exists in QuickBooks", taxAgencies > 0, BlocksPushing: true,
                taxAgencies > 0 ? $"{taxAgencies} tax agenc{(taxAgencies == 1 ? "y" : "ies")} found." : "No tax agency is set up, so QuickBooks cannot take Groundwork's documents.",
                taxAgencies > 0 ? null : "In QuickBooks: Taxes → Sales tax → Set up sales tax (or Add agency), choose your state's tax agency, save. Then press “Check again” here."),
            new("class-tracking", "Class tracking: one class to each row in a transaction", perLine, BlocksPushing: false,
                perLine ? "Classes are tracked per line, as mapping cost types to classes needs."
                    : perTxn ? "Classes are tracked once per transaction; mapping cost types to classes will need one class to each row." : "Class tracking is off.",
                perLine ? null : "In QuickBooks: Gear → Account and settings → Advanced → Categories → turn on “Track classes”, set “Assign classes” to “One to each row in transaction”, Save. Needed only to map cost types to classes."),
            new("custom-txn-numbers", "Custom transaction numbers", customNumbers, BlocksPushing: false,
                customNumbers ? "On: Groundwork's invoice and bill numbers become the QuickBooks document numbers."
                    : "Off: QuickBooks numbers invoices itself; Groundwork keeps the number QuickBooks gives each pushed document.",
                customNumbers ? null : "Optional. In QuickBooks: Gear → Account and settings → Sales → Sales form content → turn on “Custom transaction numbers”, Save."),
            new("sales-tax", "Sales tax", salesTax, BlocksPushing: false,
                salesTax ? "Sales tax is on; QuickBooks applies its own (automated) sales tax to taxable lines."
                    : "Sales tax is off in QuickBooks; taxable lines are sent without tax.",
                salesTax ? null : "In QuickBooks: Taxes → Sales tax → Set up sales tax, and follow the automated sales tax setup."),
        ];
    }
}
