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

/// <summary>Document dates are the organization's local date on the app clock; history stamps are UTC instants.</summary>
/// <remarks>The app clock is replaced app-wide; Orleans keeps the system clock it runs on.</remarks>
[Trait("Category", "Database")]
public sealed class DocumentClockTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private static void UseClock(IServiceCollection services, TimeProvider clock) => services.AddSingleton(new AppClock(clock));

    [Fact]
    public async Task Document_WithoutDates_IsDatedTheOrganizationsLocalTodayAndStampedInUtc()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 15, 23, 30, 0, TimeSpan.FromHours(-8)));
        await using var faked = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => UseClock(s, clock)));
        var client = await SignInOnAsync(faked, await app.CreateOrganizationAsync());
        var (jobId, _, _) = await client.CreateJobAsync();

        var draft = await client.CreateInvoiceAsync(jobId, 50m, finalize: false);
        clock.Advance(TimeSpan.FromDays(3));
        var finalized = await client.ActAsync($"/api/v1/invoices/{draft.Id()}/finalize");
        var payment = await client.CreateAsync("/api/v1/payments", new { method = "Cash", applications = new[] { new { documentId = draft.Id(), amount = 5m } } });

        // 23:30 in Oregon is still the 15th there, though it is the 16th in UTC.
        Assert.Equal("2030-01-15", draft.GetProperty("issueDate").GetString());
        Assert.Equal("2030-01-18", payment.GetProperty("date").GetString());
        var stamps = finalized.GetProperty("history").EnumerateArray()
            .Select(h => DateTime.Parse(h.GetProperty("atUtc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal))
            .ToList();
        Assert.Equal([new DateTime(2030, 1, 16, 7, 30, 0), new DateTime(2030, 1, 19, 7, 30, 0)], stamps);
    }

    [Fact]
    public async Task Document_InAnOrganizationOnNewYorkTime_IsDatedByThatZone()
    {
        // 17:00 in Oregon is 20:00 in New York (same day) and 01:00 UTC the next day.
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 3, 1, 17, 0, 0, TimeSpan.FromHours(-8)));
        await using var faked = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => UseClock(s, clock)));
        var organization = await app.CreateOrganizationAsync();
        var client = await SignInOnAsync(faked, organization);
        var settings = await client.GetJsonAsync("/api/v1/organization");
        Assert.Equal("America/Los_Angeles", settings.GetProperty("timeZone").GetString());
        var saved = await client.PutJsonAsync("/api/v1/organization", new { name = settings.GetProperty("name").GetString(), timeZone = "America/New_York" });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        var (jobId, _, _) = await client.CreateJobAsync();

        var draft = await client.CreateInvoiceAsync(jobId, 50m, finalize: false);

        Assert.Equal("2030-03-01", draft.GetProperty("issueDate").GetString());
        clock.Advance(TimeSpan.FromHours(4));
        Assert.Equal("2030-03-02", (await client.CreateInvoiceAsync(jobId, 50m, finalize: false)).GetProperty("issueDate").GetString());
    }

    [Fact]
    public async Task Organization_TimeZoneThatDoesNotExist_IsRefusedWithTheFieldNamed()
    {
        var client = await app.CreateOrganizationClientAsync();
        var refused = await client.PutJsonAsync("/api/v1/organization", new { name = "Acme", timeZone = "Mars/Olympus_Mons" });

        await refused.AssertInvalidAsync("timeZone");
        Assert.Equal("America/Los_Angeles", (await client.GetJsonAsync("/api/v1/organization")).GetProperty("timeZone").GetString());
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
