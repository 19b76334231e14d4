using System.Text.Json;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Limits;
using Groundwork.QboEmulator.OAuth;
using Groundwork.QboEmulator.Security;
using Groundwork.QboEmulator.Store;
using Groundwork.QboEmulator.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Groundwork.QboEmulator.Admin;

/// <summary>The admin API: automation tokens, counters, fault injection, client apps, QuickBooks-side disconnect.</summary>
internal static class AdminEndpoints
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static void Map(RouteGroupBuilder root)
    {
        var api = root.MapGroup("/admin/api").AddEndpointFilter(RequireAccessAsync);
        api.MapPost("/tokens", AutomationTokenAsync);
        api.MapGet("/companies", (EmulatorStore store) => Json(store.Companies.Select(c => new { c.RealmId, c.Name })));
        api.MapPost("/companies", CreateCompanyAsync);
        api.MapGet("/counters", (CompanyLimiter limiter) => Json(limiter.Counters()));
        api.MapGet("/faults", (FaultInjection faults) => Json(faults.All));
        api.MapPut("/faults/{realmId}", async (string realmId, HttpContext http, FaultInjection faults) =>
        {
            var settings = await JsonSerializer.DeserializeAsync<FaultSettings>(http.Request.Body, Web, http.RequestAborted) ?? new FaultSettings();
            faults.Set(realmId, settings);
            return Json(settings);
        });
        api.MapDelete("/faults", (FaultInjection faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        api.MapPost("/companies/{realmId}/expire-tokens", (string realmId, TokenService tokens) => Json(new { expired = tokens.ExpireAccessTokens(realmId) }));
        api.MapPost("/companies/{realmId}/revoke-tokens", (string realmId, TokenService tokens) => Json(new { revoked = tokens.RevokeAll(realmId, null).Count }));
        api.MapPost("/companies/{realmId}/disconnect", async (string realmId, string? clientId, Disconnector disconnector, CancellationToken ct) =>
            Json(new { disconnected = await disconnector.DisconnectAsync(realmId, clientId, ct) }));
        api.MapGet("/apps", (ClientAppRegistry apps) => Json(apps.All));
        api.MapPut("/apps/{clientId}", async (string clientId, HttpContext http, ClientAppRegistry apps, IOptions<QboEmulatorOptions> options) =>
        {
            var app = await JsonSerializer.DeserializeAsync<QboEmulatorClientApp>(http.Request.Body, Web, http.RequestAborted);
            if (app is null || string.IsNullOrWhiteSpace(app.ClientSecret))
            {
                return Problem(400, "Invalid app", new Dictionary<string, string[]> { ["clientSecret"] = ["A client secret is required."] });
            }

            if (CallbackUrls.Problems(app, http.Request, options.Value) is { Count: > 0 } problems)
            {
                return Problem(400, "Invalid app", problems);
            }

            app.ClientId = clientId;
            apps.Upsert(app);
            return Json(app);
        });
    }

    /// <summary>Intuit's OAuth Playground equivalent: tokens for a client and company without the browser.</summary>
    private static async Task<IResult> AutomationTokenAsync(HttpContext http, ClientAppRegistry apps, TokenService tokens, EmulatorStore store,
        IOptions<QboEmulatorOptions> options, IdTokenSigner signer, Infrastructure.EmulatorRoutes routes)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        JsonObject? json = null;
        if (form is null && http.Request.ContentLength != 0)
        {
            try
            {
                json = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
            }
            catch (JsonException)
            {
                return Results.BadRequest();
            }
        }

        string? Field(string name) => form?[name].FirstOrDefault() ?? json?[name]?.ToString();
        if (apps.Authenticate(http.Request, form) is not { } app)
        {
            return OAuthEndpoints.Json(401, new JsonObject { ["error"] = "invalid_client" });
        }

        var realm = Field("realmId") ?? store.Companies.First().RealmId;
        if (store.Find(realm) is null)
        {
            return OAuthEndpoints.Json(400, new JsonObject { ["error"] = "invalid_request", ["error_description"] = "unknown realmId" });
        }

        var user = Field("user") ?? options.Value.Users.First().Email;
        var scope = Field("scope") ?? "com.intuit.quickbooks.accounting openid profile email";
        var issue = tokens.Connect(app.ClientId, realm, user, scope);
        return OAuthEndpoints.Json(200, OAuthEndpoints.TokenBody(issue, includeRealm: true, OAuthEndpoints.IdToken(issue, signer, routes.BaseUrl(http.Request))));
    }

    /// <summary>Adds a seeded company, e.g. to spread a benchmark over many realms.</summary>
    private static async Task<IResult> CreateCompanyAsync(HttpContext http, EmulatorStore store, Seed.Seeder seeder)
    {
        JsonObject? body;
        try
        {
            // A chunked body has no Content-Length: read what came rather than trusting the header.
            using var reader = new StreamReader(http.Request.Body);
            var text = await reader.ReadToEndAsync(http.RequestAborted);
            body = string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        var realm = body?["realmId"]?.ToString() ?? $"9341{System.Security.Cryptography.RandomNumberGenerator.GetInt32(100_000_000, 999_999_999)}000";
        if (body is null || !realm.All(char.IsAsciiDigit) || store.Find(realm) is not null)
        {
            return Results.BadRequest(new { error = "realmId must be digits and unused" });
        }

        var company = seeder.SeedCompany(store, realm, body["name"]?.ToString() ?? $"Company {realm}", body["template"]?.ToString() ?? "builder");
        return Results.Content(JsonSerializer.Serialize(new { company.RealmId, company.Name }, Web), "application/json", System.Text.Encoding.UTF8, 201);
    }

    private static async ValueTask<object?> RequireAccessAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<AdminAccess>().Decide(context.HttpContext) switch
        {
            AdminDecision.Allowed => await next(context),
            AdminDecision.Unauthorized => Results.Unauthorized(),
            _ => Problem(403, $"The emulator's admin API answers a script on this machine, a signed-in emulator user, or the {AdminAccess.KeyHeader} header when QboEmulator:AdminKey is set."),
        };

    /// <summary>RFC 9457 problem, written with the emulator's own JSON settings (never the host's).</summary>
    private static IResult Problem(int status, string title, Dictionary<string, string[]>? errors = null) =>
        Results.Content(JsonSerializer.Serialize(new { status, title, errors }, Web), "application/problem+json", System.Text.Encoding.UTF8, status);

    private static IResult Json<T>(T value) =>
        Results.Content(JsonSerializer.Serialize(value, Web), "application/json", System.Text.Encoding.UTF8);
}
