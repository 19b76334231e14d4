using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Groundwork.Bench.Push;

/// <summary>The jobs (customer → location → job) and vendors an organization's documents are made on.</summary>
internal sealed record Parties(IReadOnlyList<long> Jobs, IReadOnlyList<long> Vendors);

/// <summary>
/// Makes an organization's records through the app's own API, as a client would: a handful of customers, locations, jobs
/// and vendors, then finalized invoices and approved bills of 2–10 lines (about 70% invoices), several requests at once.
/// </summary>
internal static class Seeding
{
    public static async Task<Parties> PartiesAsync(AppClient app, string run, int customers, int vendors)
    {
        var jobs = new List<long>();
        for (var c = 1; c <= customers; c++)
        {
            var customer = await app.PostAsync("/api/v1/customers", new { name = $"Bench Customer {run}-{c}" });
            var location = await app.PostAsync($"/api/v1/customers/{Id(customer)}/locations", new { name = $"Site {run}-{c}" });
            var job = await app.PostAsync("/api/v1/jobs", new { number = $"BJ{run}-{c}", name = $"Build {c}", locationId = Id(location) });
            jobs.Add(Id(job));
        }
        var vendorIds = new List<long>();
        for (var v = 1; v <= vendors; v++) vendorIds.Add(Id(await app.PostAsync("/api/v1/vendors", new { name = $"Bench Vendor {run}-{v}" })));
        return new Parties(jobs, vendorIds);
    }

    /// <summary>One invoice per job and one bill per vendor: pushed first, they link every customer, sub-customer and vendor.</summary>
    public static async Task<List<long>> FirstsAsync(AppClient app, Parties parties, string run)
    {
        var ids = new List<long>();
        var random = new Random(7);
        for (var j = 0; j < parties.Jobs.Count; j++) ids.Add(await CreateAsync(app, Spec(random, $"F{run}-I{j}", true, parties.Jobs[j], null)));
        for (var v = 0; v < parties.Vendors.Count; v++) ids.Add(await CreateAsync(app, Spec(random, $"F{run}-B{v}", false, parties.Jobs[v % parties.Jobs.Count], parties.Vendors[v])));
        return ids;
    }

    /// <summary>Creates and finalizes/approves <paramref name="count"/> documents, <paramref name="concurrency"/> at a time; returns their ids, in order, and kinds.</summary>
    public static async Task<List<(long Id, bool Invoice)>> DocumentsAsync(AppClient app, Parties parties, string prefix, int count, int concurrency)
    {
        var random = new Random(20261127);
        var specs = Enumerable.Range(0, count).Select(i =>
        {
            var invoice = random.NextDouble() < 0.7;
            return Spec(random, $"{prefix}{i:00000}", invoice, parties.Jobs[random.Next(parties.Jobs.Count)], invoice ? null : parties.Vendors[random.Next(parties.Vendors.Count)]);
        }).ToList();
        var made = 0;
        var ids = new long[count];
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            ids[i] = await CreateAsync(app, specs[i]);
            var n = Interlocked.Increment(ref made);
            if (n % 1000 == 0) Console.WriteLine($"  {n:N0} documents in {watch.Elapsed.TotalSeconds:F0} s");
        });
        return [.. ids.Select((id, i) => (id, specs[i].Invoice))];
    }

    private static async Task<long> CreateAsync(AppClient app, DocumentSpec spec)
    {
        var kind = spec.Invoice ? "invoices" : "bills";
        var lines = spec.Lines.Select((l, i) => new { name = $"Line {i + 1}", quantity = l.Quantity, unitAmount = l.UnitAmount, taxable = false });
        var created = spec.Invoice
            ? await app.PostAsync($"/api/v1/{kind}", new { jobId = spec.JobId, number = spec.Number, lines })
            : await app.PostAsync($"/api/v1/{kind}", new { jobId = spec.JobId, vendorId = spec.VendorId, number = spec.Number, lines });
        var id = Id(created);
        await app.PostAsync($"/api/v1/{kind}/{id}/{(spec.Invoice ? "finalize" : "approve")}", new { });
        return id;
    }

    private static DocumentSpec Spec(Random random, string number, bool invoice, long jobId, long? vendorId) =>
        new(number, invoice, jobId, vendorId, [.. Enumerable.Range(0, random.Next(2, 11)).Select(_ => (Quantity: (decimal)random.Next(1, 21), UnitAmount: random.Next(100, 50_000) / 100m))]);

    public static long Id(JsonObject json) => (long)json["id"]!;

    public static string Run() => TimeProvider.System.GetUtcNow().ToString("HHmmss", CultureInfo.InvariantCulture);

    private sealed record DocumentSpec(string Number, bool Invoice, long JobId, long? VendorId, List<(decimal Quantity, decimal UnitAmount)> Lines);
}
