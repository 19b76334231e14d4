using System.Text.Json;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Groundwork.QboEmulator.OAuth;

/// <summary>Intuit's OAuth 2.0 endpoints at Intuit's paths: discovery, token, revoke, userinfo, jwks.</summary>
internal static class OAuthEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/.well-known/openid_configuration", Discovery);
        group.MapGet("/.well-known/openid_sandbox_configuration", Discovery);
        group.MapGet("/op/v1/jwks", (IdTokenSigner signer) => Json(200, signer.Jwks()));
        group.MapGet("/connect/oauth2", AuthorizePage.GetAsync);
        group.MapPost("/connect/oauth2", AuthorizePage.PostAsync);
        group.MapPost("/oauth2/v1/tokens/bearer", TokenAsync);
        group.MapPost("/v2/oauth2/tokens/revoke", RevokeAsync);
        group.MapGet("/v1/openid_connect/userinfo", UserInfo);
    }

    private static IResult Discovery(HttpContext http, EmulatorRoutes routes)
    {
        var b = routes.BaseUrl(http.Request);
        return Json(200, new JsonObject
        {
            ["issuer"] = $"{b}/op/v1", ["authorization_endpoint"] = $"{b}/connect/oauth2",
            ["token_endpoint"] = $"{b}/oauth2/v1/tokens/bearer", ["userinfo_endpoint"] = $"{b}/v1/openid_connect/userinfo",
            ["revocation_endpoint"] = $"{b}/v2/oauth2/tokens/revoke", ["jwks_uri"] = $"{b}/op/v1/jwks",
            ["response_types_supported"] = new JsonArray("code"), ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["scopes_supported"] = new JsonArray("openid", "email", "profile", "address", "phone"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "client_secret_basic"),
            ["claims_supported"] = new JsonArray("aud", "exp", "iat", "iss", "realmid", "sub"),
        });
    }

    private static async Task<IResult> TokenAsync(HttpContext http, ClientAppRegistry apps, TokenService tokens, IdTokenSigner signer, EmulatorRoutes routes)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        if (apps.Authenticate(http.Request, form) is not { } app)
        {
            return Json(401, new JsonObject { ["error"] = "invalid_client" });
        }

        var grantType = form?["grant_type"].ToString();
        if (form is null || grantType is not ("authorization_code" or "refresh_token"))
        {
            return Json(400, new JsonObject { ["error"] = "unsupported_grant_type" });
        }

        var issue = grantType == "authorization_code"
            ? tokens.ExchangeCode(app.ClientId, form["code"].ToString(), form["redirect_uri"].FirstOrDefault())
            : tokens.Refresh(app.ClientId, form["refresh_token"].ToString());

        // Intuit's body is exactly {"error":"invalid_grant"} (content-length 25, intuit/oauth-jsclient#128).
        return issue is null ? Json(400, new JsonObject { ["error"] = "invalid_grant" })
            : Json(200, TokenBody(issue, includeRealm: false, IdToken(issue, signer, routes.BaseUrl(http.Request))));
    }

    /// <summary>An id_token only when the connection's scope includes openid, as at Intuit.</summary>
    public static string? IdToken(TokenIssue issue, IdTokenSigner signer, string baseUrl) =>
        issue.Grant.Scope.Split(' ').Contains("openid")
            ? signer.Sign($"{baseUrl}/op/v1", issue.Grant.ClientId, issue.Grant.RealmId, IdTokenSigner.Subject(issue.Grant.UserEmail))
            : null;

    public static JsonObject TokenBody(TokenIssue issue, bool includeRealm, string? idToken)
    {
        var body = new JsonObject
        {
            ["token_type"] = "bearer", ["access_token"] = issue.AccessToken, ["expires_in"] = (long)issue.AccessLifetime.TotalSeconds,
            ["refresh_token"] = issue.Grant.RefreshToken, ["x_refresh_token_expires_in"] = (long)issue.RefreshLifetime.TotalSeconds,
        };
        if (idToken is not null)
        {
            body["id_token"] = idToken;
        }

        if (includeRealm)
        {
            body["realmId"] = issue.Grant.RealmId;
        }

        return body;
    }

    private static async Task<IResult> RevokeAsync(HttpContext http, ClientAppRegistry apps, TokenService tokens)
    {
        string? token;
        IFormCollection? form = null;
        if (http.Request.HasFormContentType)
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
            token = form["token"].FirstOrDefault();
        }
        else
        {
            try
            {
                token = (await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted))?["token"]?.GetValue<string>();
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                token = null;
            }
        }

        if (apps.Authenticate(http.Request, form) is not { } app)
        {
            return Json(401, new JsonObject { ["error"] = "invalid_client" });
        }

        if (string.IsNullOrEmpty(token))
        {
            return Json(400, new JsonObject { ["error"] = "invalid_request" });
        }

        tokens.Revoke(app.ClientId, token);
        return Results.Ok();
    }

    private static IResult UserInfo(HttpContext http, TokenService tokens, IOptions<QboEmulatorOptions> options)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var (check, grant) = tokens.CheckAccess(header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "");
        if (check != AccessCheck.Valid)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"Intuit\", error=\"invalid_token\"";
            return Json(401, new JsonObject { ["error"] = "invalid_token" });
        }

        var user = options.Value.Users.FirstOrDefault(u => u.Email == grant!.UserEmail);
        return Json(200, new JsonObject
        {
            ["sub"] = IdTokenSigner.Subject(grant!.UserEmail), ["email"] = grant.UserEmail, ["emailVerified"] = true,
            ["givenName"] = user?.GivenName, ["familyName"] = user?.FamilyName,
        });
    }

    public static IResult Json(int status, JsonObject body) =>
        Results.Content(body.ToJsonString(Model.Json.Wire), "application/json;charset=UTF-8", System.Text.Encoding.UTF8, status);
}
