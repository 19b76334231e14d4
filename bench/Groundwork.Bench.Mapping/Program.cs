using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Groundwork.Bench.Mapping;

// The mapping screens at size: 5,000 QBO items and customers, 2,000 cost codes, through the running app's real HTTP path.
// Start the app first (Development: demo data, embedded emulator; the emulator's Intuit throttles off so seeding is quick):
//   QboEmulator__Limits__Enabled=false dotnet run -c Release --project src/Groundwork.Web --urls http://127.0.0.1:5080
// then: dotnet run -c Release --project bench/Groundwork.Bench.Mapping -- [url=http://127.0.0.1:5080] [items=5000] [costCodes=2000]
var url = (args.Length > 0 ? args[0] : "http://127.0.0.1:5080").TrimEnd('/');
var items = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
var costCodes = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000;
var run = TimeProvider.System.GetUtcNow().ToString("HHmmss", CultureInfo.InvariantCulture);

var app = await BenchApp.SignInAsync(url, "owner@summitridge.example", "groundwork-demo");
var realm = await app.NewQboCompanyAsync();
Console.WriteLine($"QBO company {realm}: seeding {items} items and {items} customers…");
var seeding = Stopwatch.StartNew();
var names = Words.Names(items, run);
await app.SeedQboAsync(realm, "Item", names.Select(n => new JsonObject
{
    ["Name"] = n, ["Type"] = "Service", ["IncomeAccountRef"] = new JsonObject { ["value"] = "6" }, ["ExpenseAccountRef"] = new JsonObject { ["value"] = "10" },
}));
await app.SeedQboAsync(realm, "Customer", names.Select(n => new JsonObject { ["DisplayName"] = n + " LLC" }));
Console.WriteLine($"seeded in {seeding.Elapsed.TotalSeconds:F1} s; connecting…");
await app.ConnectAsync(realm);

// Half the cost codes are named like an item (Autofill maps them), half not.
for (var i = 0; i < costCodes; i += 50)
{
    await Task.WhenAll(Enumerable.Range(i, Math.Min(50, costCodes - i)).Select(k =>
        app.PostAsync("/api/v1/cost-codes", new JsonObject { ["number"] = $"B{run}-{k:0000}", ["name"] = k % 2 == 0 ? names[k * items / costCodes] : $"Scope {k} {Words.Pick(k)}" })));
}
for (var i = 0; i < costCodes / 2; i += 50)
{
    await Task.WhenAll(Enumerable.Range(i, Math.Min(50, costCodes / 2 - i)).Select(k =>
        app.PostAsync("/api/v1/customers", new JsonObject { ["name"] = k % 2 == 0 ? names[k] + " LLC" : $"Client {run} {k}", ["billingAddress"] = Words.Address() })));
}

var results = new List<string>();
async Task Once(string what, Func<Task<int>> call)
{
    var watch = Stopwatch.StartNew();
    var status = await call();
    results.Add($"| {what} | {watch.Elapsed.TotalMilliseconds:F0} ms | {status} |");
}
async Task Repeat(string what, int times, Func<int, Task<int>> call)
{
    var timings = new List<double>();
    var statuses = new HashSet<int>();
    for (var i = 0; i < times; i++)
    {
        var watch = Stopwatch.StartNew();
        statuses.Add(await call(i));
        timings.Add(watch.Elapsed.TotalMilliseconds);
    }
    timings.Sort();
    results.Add($"| {what} (×{times}) | p50 {timings[times / 2]:F0} ms, p95 {timings[(int)(times * 0.95)]:F0} ms | {string.Join(',', statuses)} |");
}

await Once($"items refresh ({items} items, pages of 1,000)", () => app.GetStatusAsync("/api/v1/quickbooks/items?refresh=true"));
await Repeat("items search, 25 a page", 40, i => app.GetStatusAsync($"/api/v1/quickbooks/items?q={Uri.EscapeDataString(Words.Pick(i))}"));
await Once($"cost-code mappings ({costCodes} cost codes)", () => app.GetStatusAsync("/api/v1/quickbooks/mappings/cost-codes"));
await Once("Autofill", () => app.PostStatusAsync("/api/v1/quickbooks/mappings/cost-codes/autofill", new JsonObject()));
await Repeat("Products/Services Mapping page", 20, i => app.GetStatusAsync($"/Settings/Integrations/QuickBooks/Products?pageNumber={i + 1}"));
await Once($"customer links, QBO customers refreshed ({items})", () => app.GetStatusAsync("/api/v1/quickbooks/links?kind=customer&refresh=true"));
await Repeat("customer links, a page of 25", 20, i => app.GetStatusAsync($"/api/v1/quickbooks/links?kind=customer&page={i + 1}"));
await Repeat("Match and link page", 20, i => app.GetStatusAsync($"/Settings/Integrations/QuickBooks/Names?kind=customer&pageNumber={i + 1}"));
await Once("link all exact matches", () => app.PostStatusAsync("/api/v1/quickbooks/links/link-exact", new JsonObject()));
await Repeat("import list, a page of 25", 20, i => app.GetStatusAsync($"/api/v1/quickbooks/import?kind=customer&page={i + 1}"));

Console.WriteLine("| step | time | HTTP status |\n|---|---|---|");
results.ForEach(Console.WriteLine);
