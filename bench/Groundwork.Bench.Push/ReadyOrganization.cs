namespace Groundwork.Bench.Push;

/// <summary>
/// An organization ready for Push All: its documents made before it connected (so none was pushed automatically), then
/// connected to a company of its own through the OAuth flow, the default Product/Service chosen, and one invoice per job
/// and one bill per vendor pushed so that every customer, sub-customer and vendor is linked.
/// </summary>
internal sealed record ReadyOrganization(AppClient App, string Realm, int Documents, int Invoices, int Linked)
{
    public static async Task<ReadyOrganization> PrepareAsync(BenchHost host, QboSide qbo, Owner owner, string run, string prefix, int documents, int concurrency)
    {
        var app = await AppClient.SignInAsync(host.AppUrl, owner);
        var realm = await qbo.NewCompanyAsync(owner.Organization);
        var parties = await Seeding.PartiesAsync(app, run, customers: 6, vendors: 4);
        var firsts = await Seeding.FirstsAsync(app, parties, run);
        Console.WriteLine($"{owner.Organization}: making {documents:N0} documents before connecting…");
        var made = await Seeding.DocumentsAsync(app, parties, prefix, documents, concurrency);
        await app.ConnectAsync(realm);
        var items = (await app.GetAsync("/api/v1/quickbooks/items?pageSize=200"))["items"]!.AsArray();
        await app.PutAsync("/api/v1/quickbooks/mappings/default-item", new { qboItemId = (string)items.First(i => (string?)i!["name"] == "Services")!["id"]! });
        var linking = await PushAllBench.PushAndWaitAsync(app, new { documentIds = firsts }, TimeSpan.FromMilliseconds(250));
        if ((int)linking["done"]! != firsts.Count) throw new InvalidOperationException($"linking the names failed: {linking}");
        return new ReadyOrganization(app, realm, made.Count, made.Count(d => d.Invoice), firsts.Count);
    }
}
