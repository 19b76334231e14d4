using System.Diagnostics;
using System.Text.Json.Nodes;
using Groundwork.Bench.Push;

namespace Groundwork.Bench.Status;

/// <summary>A pushed invoice of 100.00: Groundwork's id, QuickBooks' id and the customer a payment on it names.</summary>
internal sealed record SyncedInvoice(long Id, string QboId, string CustomerId);

/// <summary>An organization connected to a company of its own, with invoices already pushed for QuickBooks to pay.</summary>
internal sealed record PaidCompany(AppClient App, string Realm, IReadOnlyList<SyncedInvoice> Invoices);

/// <summary>How long each QuickBooks change took to show through Groundwork's API, and how many never showed.</summary>
internal sealed record Latencies(List<double> Seconds, int Lost, double WallSeconds)
{
    public double P(double p) => Stats.Percentile([.. Seconds.Order()], p);
}

/// <summary>
/// QuickBooks change → Groundwork status: a payment made in QuickBooks (its Accounting API) on a synced invoice, timed from
/// QuickBooks' answer until Groundwork's API shows the invoice's paid amount. Each invoice is paid twice (40.00 then the
/// remaining 60.00: PartiallyPaid, then Paid), by several workers at once; a random pause before each payment spreads the
/// changes over the CDC schedule's interval, so the figures without webhooks are not a lucky or unlucky phase.
/// </summary>
internal static class StatusLatencyBench
{
    public static async Task<PaidCompany> PrepareAsync(BenchHost host, QboSide side, QboCompany qbo, Owner owner, string run, int invoices)
    {
        var app = await AppClient.SignInAsync(host.AppUrl, owner);
        var realm = await side.NewCompanyAsync(owner.Organization);
        var parties = await Seeding.PartiesAsync(app, run, customers: 2, vendors: 0);
        await app.ConnectAsync(realm);
        var items = (await app.GetAsync("/api/v1/quickbooks/items?pageSize=200"))["items"]!.AsArray();
        await app.PutAsync("/api/v1/quickbooks/mappings/default-item", new { qboItemId = (string)items.First(i => (string?)i!["name"] == "Services")!["id"]! });
        var ids = new long[invoices];
        await Parallel.ForEachAsync(Enumerable.Range(0, invoices), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var created = await app.PostAsync("/api/v1/invoices", new
            {
                jobId = parties.Jobs[i % parties.Jobs.Count], number = $"S{run}-{owner.Organization[..1]}{i:0000}",
                lines = new[] { new { name = "Progress billing", quantity = 1m, unitAmount = 100m, taxable = false } },
            });
            ids[i] = Seeding.Id(created);
            await app.PostAsync($"/api/v1/invoices/{ids[i]}/finalize", new { });
        });
        var synced = new List<SyncedInvoice>();
        foreach (var id in ids)
        {
            var qboId = await SyncedAsync(app, id);
            synced.Add(new SyncedInvoice(id, qboId, await qbo.CustomerOfAsync(realm, qboId)));
        }
        return new PaidCompany(app, realm, synced);
    }

    public static async Task<Latencies> RunAsync(PaidCompany company, QboCompany qbo, int workers, TimeSpan spread, TimeSpan poll, TimeSpan limit)
    {
        var queue = new Queue<SyncedInvoice>(company.Invoices);
        var seconds = new List<double>();
        var lost = 0;
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, workers), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (worker, _) =>
        {
            var random = new Random(worker);
            while (true)
            {
                SyncedInvoice invoice;
                lock (queue)
                {
                    if (!queue.TryDequeue(out invoice!)) return;
                }
                foreach (var (amount, paidCents) in new[] { (40m, 4_000L), (60m, 10_000L) })
                {
                    await Task.Delay(TimeSpan.FromTicks((long)(random.NextDouble() * spread.Ticks)));
                    await qbo.ReceivePaymentAsync(company.Realm, invoice.CustomerId, invoice.QboId, amount);
                    var took = await UntilPaidAsync(company.App, invoice.Id, paidCents, poll, limit);
                    lock (seconds)
                    {
                        if (took is { } s) seconds.Add(s);
                        else lost++;
                    }
                }
            }
        });
        return new Latencies(seconds, lost, wall.Elapsed.TotalSeconds);
    }

    /// <summary>Seconds until the invoice shows <paramref name="paidCents"/> paid (polled through the API), or null after <paramref name="limit"/>.</summary>
    private static async Task<double?> UntilPaidAsync(AppClient app, long id, long paidCents, TimeSpan poll, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            var invoice = await app.GetAsync($"/api/v1/invoices/{id}");
            if ((long)invoice["paidCents"]! >= paidCents) return watch.Elapsed.TotalSeconds;
            await Task.Delay(poll);
        }
        return null;
    }

    private static async Task<string> SyncedAsync(AppClient app, long id)
    {
        JsonNode? sync = null;
        for (var i = 0; i < 1200; i++)
        {
            sync = (await app.GetAsync($"/api/v1/invoices/{id}"))["sync"];
            if ((string?)sync?["state"] == "synced") return (string)sync!["qboId"]!;
            await Task.Delay(250);
        }
        throw new InvalidOperationException($"invoice {id} was never pushed: {sync}");
    }
}
