using System.Net;
using System.Net.Http.Json;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Demo;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.Demo;

/// <summary>The demo organization as `dotnet run` seeds it: realistic, mixed states, sign-in works, seeding twice changes nothing.</summary>
[Trait("Category", "Database")]
public sealed class DemoSeedTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private const string Email = "owner@summitridge.example";
    private const string Password = "groundwork-demo";

    private async Task<Dictionary<string, int>> CountRowsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        return new Dictionary<string, int>
        {
            ["organizations"] = await db.Organizations.CountAsync(),
            ["users"] = await db.Users.CountAsync(),
            ["memberships"] = await db.Memberships.IgnoreQueryFilters().CountAsync(),
            ["customers"] = await db.Customers.IgnoreQueryFilters().CountAsync(),
            ["locations"] = await db.Locations.IgnoreQueryFilters().CountAsync(),
            ["vendors"] = await db.Vendors.IgnoreQueryFilters().CountAsync(),
            ["jobs"] = await db.Jobs.IgnoreQueryFilters().CountAsync(),
            ["costCodes"] = await db.CostCodes.IgnoreQueryFilters().CountAsync(),
            ["costTypes"] = await db.CostTypes.IgnoreQueryFilters().CountAsync(),
            ["documents"] = await db.Documents.IgnoreQueryFilters().CountAsync(),
            ["payments"] = await db.Payments.IgnoreQueryFilters().CountAsync(),
        };
    }

    [Fact]
    public async Task DemoSeed_RunAgainOnTheSameDatabase_ChangesNothing()
    {
        var before = await CountRowsAsync();
        Assert.Equal(1, before["organizations"]);
        Assert.True(before["documents"] > 0);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        }

        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task DemoSeed_Organization_HasRealisticRecordsIncludingAColonName()
    {
        var client = await app.SignInAsync(Email, Password);

        var customers = (await client.GetJsonAsync("/api/v1/customers?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        var names = customers.Select(c => c.GetProperty("name").GetString()!).ToList();

        Assert.Contains(names, n => n.Contains(':', StringComparison.Ordinal));
        Assert.True(customers.Count >= 5, $"{customers.Count} customers");
        Assert.All(customers, c => Assert.NotEmpty(c.GetProperty("locations").EnumerateArray()));
        Assert.True(await client.CountAsync("/api/v1/jobs") >= customers.Count);
        Assert.True(await client.CountAsync("/api/v1/vendors") >= 3);
        Assert.Equal(["Equipment", "Labor", "Materials", "Other", "Subcontractor"],
            (await client.GetJsonAsync("/api/v1/cost-types")).EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList());
        var codes = (await client.GetJsonAsync("/api/v1/cost-codes")).EnumerateArray().ToList();
        Assert.True(codes.Count >= 10, $"{codes.Count} cost codes");
        Assert.Contains(codes, c => c.GetProperty("parentId").ValueKind == System.Text.Json.JsonValueKind.Number);
    }

    [Fact]
    public async Task DemoSeed_Documents_AreInMixedStatesWithConsistentPayments()
    {
        var client = await app.SignInAsync(Email, Password);

        var invoices = (await client.GetJsonAsync("/api/v1/invoices?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        var bills = (await client.GetJsonAsync("/api/v1/bills?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        var invoiceStatuses = invoices.Select(d => d.Status()).ToHashSet();
        var billStatuses = bills.Select(d => d.Status()).ToHashSet();

        Assert.True(invoices.Count + bills.Count >= 24, $"{invoices.Count} invoices, {bills.Count} bills");
        Assert.Superset(new HashSet<string> { "Draft", "Pending", "PartiallyPaid", "Paid", "Void" }, invoiceStatuses);
        Assert.Superset(new HashSet<string> { "Draft", "Approved", "Rejected", "Paid" }, billStatuses);
        var paidOnDocuments = invoices.Concat(bills).Sum(d => d.Cents("paidCents"));
        var payments = (await client.GetJsonAsync("/api/v1/payments")).EnumerateArray().ToList();
        Assert.NotEmpty(payments);
        Assert.Equal(payments.Sum(p => p.Cents("amountCents")), paidOnDocuments);
        Assert.All(invoices.Concat(bills), d => Assert.InRange(d.Cents("paidCents"), 0, Math.Max(0, d.Cents("totalCents"))));
    }

    [Fact]
    public async Task DemoUser_SignsInWithThePrintedCredentials()
    {
        var client = app.CreateClient();

        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = Email, password = Password });
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = Email, password = "not-the-password" });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = await login.ReadJsonAsync();
        Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }
}
