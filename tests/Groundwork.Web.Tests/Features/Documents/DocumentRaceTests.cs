using System.Net;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Documents;

/// <summary>Requests racing on one document: the database decides, one wins, the rest get a 4xx, and the totals stay true.</summary>
[Trait("Category", "Database")]
public sealed class DocumentRaceTests(RacingAppFactory app) : IClassFixture<RacingAppFactory>
{
    private static Task<HttpResponseMessage[]> RaceAsync(params Func<Task<HttpResponseMessage>>[] requests) =>
        Task.WhenAll(requests.Select(r => Task.Run(r)));

    private static void AssertNoServerError(HttpResponseMessage[] responses) =>
        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"{string.Join(", ", responses.Select(x => (int)x.StatusCode))}"));

    [Fact]
    public async Task VoidAndPayment_Racing_NeverLeaveAPaidVoidDocument()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();

        for (var round = 0; round < 5; round++)
        {
            var invoice = await client.CreateInvoiceAsync(jobId, 100m);
            var responses = await RaceAsync(
                () => client.PostJsonAsync($"/api/v1/invoices/{invoice.Id()}/void", new { }),
                () => client.PayAsync((invoice.Id(), 40m)));

            AssertNoServerError(responses);
            var reread = await client.GetJsonAsync($"/api/v1/invoices/{invoice.Id()}");
            if (reread.Status() == "Void")
            {
                Assert.Equal(0, reread.Cents("paidCents"));
                Assert.NotEqual(HttpStatusCode.Created, responses[1].StatusCode);
            }
            else
            {
                Assert.Equal("PartiallyPaid", reread.Status());
                Assert.Equal(4_000, reread.Cents("paidCents"));
                Assert.NotEqual(HttpStatusCode.OK, responses[0].StatusCode);
            }
        }
    }

    [Fact]
    public async Task PaymentDelete_Racing_ReopensTheDocumentOnce()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();

        for (var round = 0; round < 5; round++)
        {
            var bill = await client.CreateBillAsync(jobId, (await client.CreateVendorAsync()).Id(), 100m);
            await client.PayAsync((bill.Id(), 30m));
            var kept = await (await client.PayAsync((bill.Id(), 50m))).ReadJsonAsync();
            var doomed = await (await client.PayAsync((bill.Id(), 20m))).ReadJsonAsync();

            var responses = await RaceAsync(
                () => client.DeleteAsync($"/api/v1/payments/{doomed.Id()}"),
                () => client.DeleteAsync($"/api/v1/payments/{doomed.Id()}"));

            AssertNoServerError(responses);
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            var reread = await client.GetJsonAsync($"/api/v1/bills/{bill.Id()}");
            Assert.Equal(8_000, reread.Cents("paidCents"));
            Assert.Equal("PartiallyPaid", reread.Status());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/payments/{kept.Id()}")).StatusCode);
        }
    }

    [Fact]
    public async Task Invoices_CreatedTogetherWithoutNumbers_AllGetDistinctNumbers()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();

        var responses = await RaceAsync(Enumerable.Range(0, 4).Select(i => (Func<Task<HttpResponseMessage>>)(() =>
            client.PostJsonAsync("/api/v1/invoices", new { jobId, lines = new[] { new { name = $"Line {i}", quantity = 1, unitAmount = 10m } } }))).ToArray());

        var bodies = await Task.WhenAll(responses.Select(r => r.ReadJsonAsync()));
        Assert.True(responses.All(r => r.StatusCode == HttpStatusCode.Created), string.Join("\n", bodies.Select(b => b.ToString())));
        Assert.Equal(4, bodies.Select(b => b.GetProperty("number").GetString()).Distinct().Count());
        Assert.Equal(4, await client.CountAsync("/api/v1/invoices"));
    }

    [Fact]
    public async Task Payments_ConcurrentAndTogetherOverBalance_AreNeverBothAccepted()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();

        for (var round = 0; round < 5; round++)
        {
            var invoice = await client.CreateInvoiceAsync(jobId, 100m);
            var attempts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => client.PayAsync((invoice.Id(), 60m)))));

            var statuses = attempts.Select(r => r.StatusCode).ToList();
            Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"round {round}: {string.Join(", ", statuses)}"));
            Assert.True(statuses.Count(s => s == HttpStatusCode.Created) <= 1, $"round {round}: {string.Join(", ", statuses)}");
            var reread = await client.GetJsonAsync($"/api/v1/invoices/{invoice.Id()}");
            Assert.InRange(reread.Cents("paidCents"), 0, reread.Cents("totalCents"));
            var recorded = (await client.GetJsonAsync($"/api/v1/payments?documentId={invoice.Id()}")).EnumerateArray().Sum(p => p.Cents("amountCents"));
            Assert.Equal(recorded, reread.Cents("paidCents"));
        }
    }
}
