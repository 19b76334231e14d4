using System.Net;
using System.Net.Http.Json;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.Account;

/// <summary>
/// Sign-in resists guessing without handing an attacker a lockout: attempts are limited per client address (429 with
/// Retry-After), every failure reads the same, and an unknown email costs the same password hash as a known one.
/// </summary>
[Trait("Category", "Database")]
public sealed class SignInLimitTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Fact]
    public async Task ApiLogin_MoreAttemptsThanTheLimit_Answers429WithRetryAfter()
    {
        await using var limited = Limited(3);
        var client = limited.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@test.example", password = "wrong-password" }));
        }

        Assert.All(answers.Take(3), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var rejected = answers[3];
        await rejected.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.InRange(int.Parse(rejected.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Fact]
    public async Task LoginPage_MoreAttemptsThanTheLimit_Answers429WithRetryAfterButStillShowsTheForm()
    {
        await using var limited = Limited(2);
        var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = new Dictionary<string, string> { ["Email"] = "nobody@test.example", ["Password"] = "wrong-password" };

        var first = await client.PostFormAsync("/Account/Login", new(form));
        var second = await client.PostFormAsync("/Account/Login", new(form));
        var third = await client.PostFormAsync("/Account/Login", new(form));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter is not null, "Retry-After is missing");
        Assert.Contains("Too many sign-in attempts", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var fromBrowser = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new FormUrlEncodedContent(form) };
        fromBrowser.Headers.Accept.ParseAdd("text/html");
        var page = await client.SendAsync(fromBrowser);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task LoginPage_UnknownAndKnownEmailAfterManyFailures_ShowTheSameMessage()
    {
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // Enough failures that a lockout, had there been one, would now answer with its own message.
        for (var i = 0; i < 12; i++)
        {
            await client.PostFormAsync("/Account/Login", new() { ["Email"] = user.Email, ["Password"] = "wrong-password" });
        }

        var known = await client.PostFormAsync("/Account/Login", new() { ["Email"] = user.Email, ["Password"] = "wrong-password" });
        var unknown = await client.PostFormAsync("/Account/Login", new() { ["Email"] = "nobody@test.example", ["Password"] = "wrong-password" });

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(ErrorSummary(await known.Content.ReadAsStringAsync()), ErrorSummary(await unknown.Content.ReadAsStringAsync()));
        Assert.Contains(LoginModel.SignInFailed, await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owner_ManyWrongPasswords_IsNotLockedOut()
    {
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var client = app.CreateClient();

        for (var i = 0; i < 15; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = owner.Email, password = "wrong-password" });
            var problem = await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal(LoginModel.SignInFailed, problem.GetProperty("detail").GetString());
        }

        var right = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = owner.Email, password = owner.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Login_UnknownOrKnownEmail_HashesThePasswordOnce(bool knownEmail)
    {
        var hasher = new CountingHasher();
        await using var counted = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher)));
        var user = await app.CreateUserAsync(OrganizationRole.Member);
        var before = hasher.Verifications;

        var response = await counted.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email = knownEmail ? user.Email : "nobody@test.example", password = "wrong-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, hasher.Verifications - before);
    }

    private WebApplicationFactory<Web.Program> Limited(int permits) =>
        app.WithWebHostBuilder(b => b.UseSetting("SignIn:PermitLimit", permits.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static string ErrorSummary(string html)
    {
        var start = html.IndexOf("validation-summary-errors", StringComparison.Ordinal);
        Assert.True(start >= 0, "No error summary on the page");
        return html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
