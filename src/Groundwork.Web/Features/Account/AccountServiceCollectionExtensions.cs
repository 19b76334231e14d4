using Groundwork.Web.Data;
using Groundwork.Web.Features.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Groundwork.Web.Features.Account;

internal static class AccountServiceCollectionExtensions
{
    public const string MemberPolicy = "Member";
    public const string AdminPolicy = "Admin";
    public const string AccountantPolicy = "Accountant";

    public static WebApplicationBuilder AddGroundworkAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentityApiEndpoints<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                // Length over composition rules (NIST SP 800-63B).
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                o.User.RequireUniqueEmail = true;
                // No lockout: failing on purpose would lock the Owner out. The sign-in rate limit per address replaces it.
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddEntityFrameworkStores<GroundworkDbContext>()
            .AddSignInManager<GroundworkSignInManager>()
            .AddClaimsPrincipalFactory<GroundworkClaimsFactory>();
        // Organization and role are read from the database on every request, so a role change or a removal counts at once.
        builder.Services.AddScoped<Microsoft.AspNetCore.Authentication.IClaimsTransformation, MembershipClaimsTransformation>();
        builder.Services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.AddSignInLimits();

        // People are sent to the sign-in page; API callers get a 401 from the cookie events below.
        builder.Services.Configure<AuthenticationOptions>(o => o.DefaultChallengeScheme = IdentityConstants.ApplicationScheme);
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "groundwork.auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
            // Secure whenever the request came over HTTPS (directly or, with forwarded headers, through a TLS proxy).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // API callers get status codes, not a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = ctx => Redirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Redirect(ctx, StatusCodes.Status403Forbidden);
        });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(OrganizationMember())
            .AddPolicy(MemberPolicy, OrganizationMember())
            .AddPolicy(AccountantPolicy, AtLeast(OrganizationRole.Accountant))
            .AddPolicy(AdminPolicy, AtLeast(OrganizationRole.Admin));
        return builder;
    }

    private static AuthorizationPolicy AtLeast(OrganizationRole role) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(TenantContext.OrganizationClaim)
            .RequireAssertion(c => c.User.HasAtLeast(role)).Build();

    private static AuthorizationPolicy OrganizationMember() =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(TenantContext.OrganizationClaim).Build();

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
