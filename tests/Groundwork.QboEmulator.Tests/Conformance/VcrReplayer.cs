using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.Conformance;

/// <summary>One row of the conformance table.</summary>
public sealed record ReplayRow(string File, string Request, string Expected, string Actual, string Verdict, string MissingFields = "");

/// <summary>
/// Replays one recorded Intuit interaction against the emulator, allowing for ids, times and seed data: a record id
/// the emulator does not have is mapped to a fresh record of the same entity, and SyncTokens are the current ones.
/// </summary>
internal sealed partial class VcrReplayer(TestEmulator emulator, string accessToken)
{
    public const string OutOfScope = "out of scope";
    private static readonly string[] Unsupported = ["salesreceipt", "estimate", "attachable", "upload", "reports", "/pdf"];
    private readonly Dictionary<string, string> ids = new(StringComparer.Ordinal);
    private readonly QboCalls api = new(emulator.Client, $"{emulator.Prefix}/v3/company/{TestEmulator.UsRealm}", accessToken);
    private int fresh;

    public async Task<ReplayRow> ReplayAsync(string file, JsonObject recorded)
    {
        var request = recorded["request"]!.AsObject();
        var response = recorded["response"]!.AsObject();
        var method = (string)request["method"]!;
        var relative = Relative((string)request["uri"]!);
        var expected = Describe((int)response["status"]!, response["body"]);
        var label = $"{method} {Shorten(relative)}";
        if (Unsupported.Any(u => relative.Contains(u, StringComparison.OrdinalIgnoreCase)) || relative.Contains("entities=estimate", StringComparison.Ordinal))
        {
            return new ReplayRow(file, label, expected, "-", OutOfScope);
        }

        relative = await MapPathIdAsync(relative);
        relative = CdcWindow().Replace(relative, $"changedSince={Uri.EscapeDataString(emulator.Time.GetUtcNow().AddDays(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture))}");
        var body = request["body"] is JsonObject b ? await MapBodyAsync(Entity(relative), b.DeepClone().AsObject()) : null;
        var answer = await SendAsync(method, relative, body, bearer: file.StartsWith("error__401", StringComparison.Ordinal) ? "expired-token" : accessToken);
        var actual = Describe((int)answer.Status, answer.Body);
        return new ReplayRow(file, label, expected, actual, actual == expected ? "match" : "MISMATCH", MissingFields(response["body"], answer.Body));
    }

    /// <summary>"status | sorted top-level keys | fault code".</summary>
    public static string Describe(int status, JsonNode? body)
    {
        var keys = body is JsonObject o ? string.Join(",", o.Select(p => p.Key).Order(StringComparer.Ordinal)) : "-";
        var obj = body as JsonObject;
        var code = (string?)obj?["Fault"]?["Error"]?[0]?["code"] ?? (string?)obj?["fault"]?["error"]?[0]?["code"];
        return $"{status} | {keys}{(code is null ? "" : $" | {code}")}";
    }

    /// <summary>Informational: fields of the recorded entity that the emulator's entity lacks (not asserted).</summary>
    public static string MissingFields(JsonNode? recorded, JsonNode? actual)
    {
        if (recorded is not JsonObject r || actual is not JsonObject a)
        {
            return "";
        }

        var entity = r.Select(p => p.Key).FirstOrDefault(k => k is not ("time" or "QueryResponse" or "BatchItemResponse" or "CDCResponse" or "Fault" or "fault"));
        if (entity is null || r[entity] is not JsonObject recordedEntity || a[entity] is not JsonObject actualEntity)
        {
            return "";
        }

        return string.Join(" ", recordedEntity.Select(p => p.Key).Except(actualEntity.Select(p => p.Key)));
    }

    private async Task<QboAnswer> SendAsync(string method, string relative, JsonObject? body, string bearer)
    {
        var content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var previous = api.AccessToken;
        api.AccessToken = bearer;
        try
        {
            return await api.SendAsync(new HttpMethod(method), relative, content);
        }
        finally
        {
            api.AccessToken = previous;
        }
    }

    private static string Relative(string uri)
    {
        var path = new Uri(uri).PathAndQuery;
        path = path.Replace("/v3/company/-COMPANY_ID-/", "/v3/", StringComparison.Ordinal);
        return path["/v3/".Length..];
    }

    private static string Entity(string relative) => relative.Split('?')[0].Split('/')[0].ToLowerInvariant();

    private async Task<string> MapPathIdAsync(string relative)
    {
        var parts = relative.Split('?', 2);
        var segments = parts[0].Split('/');
        if (segments.Length != 2 || !segments[1].All(char.IsAsciiDigit) || segments[0] is "companyinfo")
        {
            return relative;
        }

        segments[1] = await MapIdAsync(segments[0], segments[1]);
        return string.Join('/', segments) + (parts.Length > 1 ? "?" + parts[1] : "");
    }

    private async Task<JsonObject> MapBodyAsync(string entity, JsonObject body)
    {
        if (entity == "batch" || body["Id"] is null)
        {
            return body;
        }

        var id = await MapIdAsync(entity, (string)body["Id"]!);
        body["Id"] = id;
        body["SyncToken"] = (string?)(await api.GetAsync($"{entity}/{id}")).Body?.AsObject().First().Value?["SyncToken"];
        return body;
    }

    private async Task<string> MapIdAsync(string entity, string id)
    {
        var key = $"{entity}/{id}";
        if (ids.TryGetValue(key, out var mapped))
        {
            return mapped;
        }

        var exists = await api.GetAsync($"{entity}/{id}");
        mapped = exists.Status == HttpStatusCode.OK ? id : await CreateAsync(entity);
        ids[key] = mapped;
        return mapped;
    }

    private async Task<string> CreateAsync(string entity)
    {
        var n = ++fresh;
        var body = entity switch
        {
            "invoice" => """{"CustomerRef":{"value":"1"},"Line":[{"Amount":100,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}""",
            "account" => $$"""{"Name":"Replay Account {{n}}","AccountType":"Expense"}""",
            _ => $$"""{"DisplayName":"Replay {{entity}} {{n}}"}""",
        };
        var created = await api.PostAsync(entity, body);
        return (string)created.Json.First().Value!["Id"]!;
    }

    private static string Shorten(string text) => text.Length > 70 ? text[..67] + "..." : text;

    [GeneratedRegex("changedSince=[^&]+")]
    private static partial Regex CdcWindow();
}
