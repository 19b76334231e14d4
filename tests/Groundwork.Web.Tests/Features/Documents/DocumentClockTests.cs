using System.Globalization;
using Groundwork.Web.Infrastructure;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Payments;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Groundwork.Web.Tests.Features.Documents;

/// <summary>Document dates and history stamps come from the injected TimeProvider, in UTC.</summary>
/// <remarks>The app clock is replaced app-wide; Orleans keeps the system clock it runs on.</remarks>
[Trait("Category", "Database")]
public sealed class DocumentClockTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private static void UseClock(IServiceCollection services, TimeProvider clock) => services.AddSingleton(new AppClock(clock));

    [Fact]
    public async Task Document_WithoutDates_TakesTodayAndHistoryTimesFromTheClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 15, 23, 30, 0, TimeSpan.FromHours(-8)));
        await using var faked = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => UseClock(s, clock)));
        var client = await SignInOnAsync(faked, await app.CreateOrganizationAsync());
        var (jobId, _, _) = await client.CreateJobAsync();

        var draft = await client.CreateInvoiceAsync(jobId, 50m, finalize: false);
        clock.Advance(TimeSpan.FromDays(3));
        var finalized = await client.ActAsync($"/api/v1/invoices/{draft.Id()}/finalize");
        var payment = await client.CreateAsync("/api/v1/payments", new { method = "Cash", applications = new[] { new { documentId = draft.Id(), amount = 5m } } });

        Assert.Equal("2030-01-16", draft.GetProperty("issueDate").GetString());
        Assert.Equal("2030-01-19", payment.GetProperty("date").GetString());
        var stamps = finalized.GetProperty("history").EnumerateArray()
            .Select(h => DateTime.Parse(h.GetProperty("atUtc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal))
            .ToList();
        Assert.Equal([new DateTime(2030, 1, 16, 7, 30, 0), new DateTime(2030, 1, 19, 7, 30, 0)], stamps);
    }

    /// <summary>A user added through the main host, signed in through the host with the fake clock.</summary>
    private async Task<HttpClient> SignInOnAsync(WebApplicationFactory<Program> host, long organizationId)
    {
        var email = $"{Guid.NewGuid():N}@test.example";
        const string password = "correct-horse-battery";
        await app.AddUserAsync(organizationId, email, password);
        var client = host.CreateClient();
        var login = await client.PostJsonAsync("/api/v1/auth/login", new { email, password });
        var token = (await login.ReadJsonAsync()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
