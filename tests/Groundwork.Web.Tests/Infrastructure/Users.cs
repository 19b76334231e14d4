using System.Text.RegularExpressions;
using Groundwork.Web.Features.Organizations;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Groundwork.Web.Tests.Infrastructure;

public sealed record TestUser(long OrganizationId, string Email, string Password);

/// <summary>Users in organizations, signed in the way a browser (cookie + antiforgery) or an API client (bearer) does.</summary>
public static partial class Users
{
    public const string Password = "correct-horse-battery";

    public static async Task<TestUser> CreateUserAsync(this GroundworkAppFactory app, OrganizationRole role, long? organizationId = null)
    {
        var email = $"{Guid.NewGuid():N}@test.example";
        var organization = organizationId ?? await app.CreateOrganizationAsync();
        await app.AddUserAsync(organization, email, Password, role);
        return new TestUser(organization, email, Password);
    }

    public static Task<HttpClient> ApiClientAsync(this GroundworkAppFactory app, TestUser user) => app.SignInAsync(user.Email, user.Password);

    /// <summary>A client that signs in through the login form and keeps the cookie; redirects are not followed.</summary>
    public static async Task<HttpClient> BrowserClientAsync(this GroundworkAppFactory app, TestUser user)
    {
        var client = app is QboAppFactory real
            ? real.CreateBrowserClient()
            : app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostFormAsync("/Account/Login", new() { ["Email"] = user.Email, ["Password"] = user.Password });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect,
            $"Sign-in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>Fetches the form page for its antiforgery token, then posts the fields with it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? url);
        fields["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
