using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Groundwork.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>
/// Valid bodies for every write endpoint, each mutated at random (fixed seed): nulls, wrong types, huge numbers, control
/// characters, deep and huge arrays. The API never answers 5xx, and a refused request writes nothing.
/// </summary>
[Trait("Category", "Database")]
public sealed class ApiFuzzTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private const int Seed = 20_261_126;
    private const int MutationsPerEndpoint = 30;

    /// <summary>Raw JSON put in place of a value; some are not representable as a JsonNode (lone surrogate, 1e30 as decimal).</summary>
    private static readonly string[] Evil =
    [
        "null", "\"\"", "\"x\"", "\"   \"", "true", "false", "{}", "[]", "[null]", "0", "-1", "0.0000001", "-0.005",
        "1e30", "-1e30", "1e308", "9223372036854775807", "-9223372036854775808", "79228162514264337593543950336",
        "2147483648", "9007199254740993", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u200b\\u200b\"", "\"\\t\\n\"", "\"\\u0007bell\"",
        "\"\\ud800\"", "\"x\\udfff\"", "\"" + new string('x', 5000) + "\"", "\"2026-02-31\"", "\"Bitcoin\"",
        new string('[', 200) + new string(']', 200), "[" + string.Join(",", Enumerable.Repeat("null", 2000)) + "]",
        "{\"a\":" + new string('[', 70) + new string(']', 70) + "}",
    ];

    private sealed record Target(string Method, string Url, string Body);

    [Fact]
    public async Task Api_RandomlyMutatedBodies_NeverAnswer5xxAndRefusalsWriteNothing()
    {
        var client = await app.CreateOrganizationClientAsync();
        var targets = await ArrangeAsync(client);
        var random = new Random(Seed);
        var failures = new List<string>();

        foreach (var target in targets)
        {
            for (var i = 0; i < MutationsPerEndpoint; i++)
            {
                var body = Mutate(target.Body, random, mutations: 1 + random.Next(3));
                await SendAsync(client, target with { Body = body }, failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public async Task Api_TenThousandLineInvoiceAndBill_AreRefusedAndWriteNothing()
    {
        var client = await app.CreateOrganizationClientAsync();
        var targets = await ArrangeAsync(client);
        var lines = "[" + string.Join(",", Enumerable.Range(0, 10_000).Select(i => $"{{\"name\":\"L{i}\",\"quantity\":1000000,\"unitAmount\":10000000,\"taxable\":true}}")) + "]";
        var failures = new List<string>();

        foreach (var target in targets.Where(t => t.Url.Contains("/invoices", StringComparison.Ordinal) || t.Url.Contains("/bills", StringComparison.Ordinal)))
        {
            var body = JsonNode.Parse(target.Body)!.AsObject();
            body["lines"] = JsonNode.Parse(lines);
            var status = await SendAsync(client, target with { Body = body.ToJsonString() }, failures);
            Assert.Equal(HttpStatusCode.BadRequest, status);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<HttpStatusCode> SendAsync(HttpClient client, Target target, List<string> failures)
    {
        var before = await FingerprintAsync();
        using var request = new HttpRequestMessage(new HttpMethod(target.Method), target.Url)
        {
            Content = new StringContent(target.Body, Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var shown = target.Body.Length > 300 ? target.Body[..300] + "…" : target.Body;
        if (status >= 500)
        {
            failures.Add($"{target.Method} {target.Url} → {status}: {shown}");
        }
        else if (status >= 400 && await FingerprintAsync() != before)
        {
            failures.Add($"{target.Method} {target.Url} → {status} but wrote rows: {shown}");
        }
        return response.StatusCode;
    }

    /// <summary>Row counts and version sums of every table a write endpoint touches.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        var parts = new long[]
        {
            await db.Customers.IgnoreQueryFilters().CountAsync(), await db.Customers.IgnoreQueryFilters().SumAsync(x => x.Version),
            await db.Vendors.IgnoreQueryFilters().CountAsync(), await db.Vendors.IgnoreQueryFilters().SumAsync(x => x.Version),
            await db.Locations.IgnoreQueryFilters().CountAsync(), await db.Locations.IgnoreQueryFilters().SumAsync(x => x.Version),
            await db.Jobs.IgnoreQueryFilters().CountAsync(), await db.Jobs.IgnoreQueryFilters().SumAsync(x => x.Version),
            await db.CostCodes.IgnoreQueryFilters().CountAsync(), await db.CostCodes.IgnoreQueryFilters().SumAsync(x => x.Version),
            await db.CostTypes.IgnoreQueryFilters().CountAsync(), await db.CostTypes.IgnoreQueryFilters().SumAsync(x => x.Version),
            await db.Documents.IgnoreQueryFilters().CountAsync(), await db.Documents.IgnoreQueryFilters().SumAsync(x => x.Version),
            await db.DocumentLines.IgnoreQueryFilters().CountAsync(), await db.DocumentStatusChanges.IgnoreQueryFilters().CountAsync(),
            await db.Payments.IgnoreQueryFilters().CountAsync(), await db.PaymentApplications.IgnoreQueryFilters().CountAsync(),
        };
        return string.Join(",", parts);
    }

    /// <summary>One existing record of each kind, and a valid body for every write endpoint.</summary>
    private static async Task<List<Target>> ArrangeAsync(HttpClient client)
    {
        var (jobId, locationId, customerId) = await client.CreateJobAsync();
        var vendor = await client.CreateVendorAsync();
        var code = await client.CreateAsync("/api/v1/cost-codes", new { number = "01-000", name = "General" });
        var type = await client.CreateAsync("/api/v1/cost-types", new { name = "Labor" });
        var draft = await client.CreateInvoiceAsync(jobId, 100m, finalize: false);
        var bill = await client.CreateBillAsync(jobId, vendor.Id(), 100m, approve: false);
        var open = await client.CreateInvoiceAsync(jobId, 100m);
        var line = $$"""{"name":"Work","description":"d","costCodeId":{{code.Id()}},"costTypeId":{{type.Id()}},"quantity":2,"unitAmount":12.5,"taxable":true}""";
        var document = $$"""{"jobId":{{jobId}},"vendorId":{{vendor.Id()}},"number":null,"issueDate":"2026-03-01","dueDate":"2026-03-31","memo":"m","lines":[{{line}},{{line}}]}""";
        var address = """{"line1":"1 Main St","city":"Portland","region":"OR","postalCode":"97201","country":"US"}""";
        return
        [
            new("POST", "/api/v1/customers", $$"""{"name":"Fuzz customer","contactName":"C","email":"c@example.com","phone":"555","billingAddress":{{address}},"isActive":true}"""),
            new("PUT", $"/api/v1/customers/{customerId}", $$"""{"name":"Fuzz customer 2","billingAddress":{{address}}}"""),
            new("POST", "/api/v1/vendors", $$"""{"name":"Fuzz vendor","email":"v@example.com","address":{{address}}}"""),
            new("PUT", $"/api/v1/vendors/{vendor.Id()}", $$"""{"name":"Fuzz vendor 2","address":{{address}}}"""),
            new("POST", $"/api/v1/customers/{customerId}/locations", $$"""{"name":"Fuzz site","address":{{address}},"taxRatePercent":8.25}"""),
            new("PUT", $"/api/v1/locations/{locationId}", $$"""{"customerId":{{customerId}},"name":"Fuzz site 2","taxRatePercent":5}"""),
            new("POST", "/api/v1/jobs", $$"""{"number":"FZ-1","name":"Fuzz job","locationId":{{locationId}},"status":"Open"}"""),
            new("PUT", $"/api/v1/jobs/{jobId}", $$"""{"number":"FZ-2","name":"Fuzz job 2","locationId":{{locationId}},"status":"Closed"}"""),
            new("POST", "/api/v1/cost-codes", $$"""{"number":"02-000","name":"Fuzz code","parentId":{{code.Id()}}}"""),
            new("PUT", $"/api/v1/cost-codes/{code.Id()}", """{"number":"01-001","name":"Fuzz code 2","parentId":null}"""),
            new("POST", "/api/v1/cost-types", """{"name":"Fuzz type","taxableByDefault":true}"""),
            new("PUT", $"/api/v1/cost-types/{type.Id()}", """{"name":"Fuzz type 2","taxableByDefault":false}"""),
            new("POST", "/api/v1/invoices", document),
            new("PUT", $"/api/v1/invoices/{draft.Id()}", document),
            new("POST", "/api/v1/bills", document),
            new("PUT", $"/api/v1/bills/{bill.Id()}", document),
            new("POST", "/api/v1/payments", $$"""{"date":"2026-03-02","method":"Check","reference":"R-1","applications":[{"documentId":{{open.Id()}},"amount":1.5}]}"""),
        ];
    }

    /// <summary>Replaces <paramref name="mutations"/> random values (or whole objects and arrays) of a valid body with evil JSON.</summary>
    private static string Mutate(string body, Random random, int mutations)
    {
        var root = JsonNode.Parse(body)!;
        var replacements = new List<string>();
        for (var m = 0; m < mutations; m++)
        {
            var slots = Slots(root).ToList();
            var (parent, key, index) = slots[random.Next(slots.Count)];
            var marker = $"@@evil{m}@@";
            replacements.Add(Evil[random.Next(Evil.Length)]);
            if (key is not null) parent[key] = marker;
            else parent[index] = marker;
        }
        var text = root.ToJsonString();
        for (var m = 0; m < replacements.Count; m++)
        {
            text = text.Replace($"\"@@evil{m}@@\"", replacements[m], StringComparison.Ordinal);
        }
        return text;
    }

    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj.ToList())
            {
                yield return (obj, key, -1);
                if (child is not null) foreach (var slot in Slots(child)) yield return slot;
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                yield return (array, null, i);
                if (array[i] is { } child) foreach (var slot in Slots(child)) yield return slot;
            }
        }
    }
}
