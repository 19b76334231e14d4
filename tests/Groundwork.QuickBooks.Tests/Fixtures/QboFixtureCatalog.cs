using System.Text.Json.Nodes;

namespace Groundwork.QuickBooks.Tests.Fixtures;

/// <summary>One recorded response body and what it is.</summary>
internal sealed record RecordedResponse(string File, int? Status, JsonNode? Body, IReadOnlyDictionary<string, string> Headers)
{
    public bool IsFault => Status >= 400 || Body?["Fault"] is not null || Body?["fault"] is not null;

    public string? IntuitTid => Headers.TryGetValue("Intuit-Tid", out var tid) ? tid : null;
}

/// <summary>Sorts every fixture file into QBO API responses, OAuth responses, webhooks and the few we do not model.</summary>
internal static class QboFixtureCatalog
{
    /// <summary>Responses outside the client's scope, named so a new fixture cannot be skipped silently.</summary>
    public static readonly IReadOnlySet<string> NotModelled = new HashSet<string>(StringComparer.Ordinal)
    {
        "minimul-qbo_api-vcr/get_pdf__invoice__0.json", // PDF body, omitted by the recorder
        "minimul-qbo_api-vcr/reports__gl__0.json", // reports: Groundwork reads none
        "minimul-qbo_api-vcr/reports__profit_and_loss__0.json",
        "minimul-qbo_api-vcr/index.json", // the recorder's table of contents, not a response
    };

    // Read once: every theory row looks its file up here. Tests must not mutate the cached bodies.
    private static readonly Lazy<IReadOnlyList<RecordedResponse>> Cache = new(() => [.. Load()]);

    public static IReadOnlyList<RecordedResponse> ApiResponses() => Cache.Value;

    private static IEnumerable<RecordedResponse> Load()
    {
        var root = QboFixtures.RequireDirectory();
        foreach (var path in System.IO.Directory.GetFiles(System.IO.Path.Combine(root, "minimul-qbo_api-vcr"), "*.json").Order())
        {
            var name = "minimul-qbo_api-vcr/" + System.IO.Path.GetFileName(path);
            if (NotModelled.Contains(name))
            {
                continue;
            }

            var interaction = JsonNode.Parse(File.ReadAllText(path))!;
            var response = interaction["response"]!;
            var headers = response["headers"]!.AsObject()
                .ToDictionary(h => h.Key, h => h.Value!.ToString(), StringComparer.OrdinalIgnoreCase);
            yield return new RecordedResponse(name, response["status"]!.GetValue<int>(), response["body"]?.DeepClone(), headers);
        }

        foreach (var path in System.IO.Directory.GetFiles(System.IO.Path.Combine(root, "boulevard-exquickbooks"), "*.json").Order())
        {
            var name = "boulevard-exquickbooks/" + System.IO.Path.GetFileName(path);
            yield return new RecordedResponse(name, null, JsonNode.Parse(File.ReadAllText(path)), new Dictionary<string, string>());
        }
    }

    public static IEnumerable<string> AllFixtureFiles()
    {
        var root = QboFixtures.RequireDirectory();
        return System.IO.Directory.GetFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(p => System.IO.Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
    }

    public static RecordedResponse Api(string name) => ApiResponses().Single(r => r.File == name);

    /// <summary>xunit rows; a single explanatory row when the folder is missing, so the theory fails saying why.</summary>
    public static TheoryData<string> Rows(Func<RecordedResponse, bool> filter)
    {
        var rows = new TheoryData<string>();
        if (QboFixtures.Directory is null)
        {
            rows.Add(QboFixtures.MissingMessage);
            return rows;
        }

        foreach (var response in ApiResponses().Where(filter))
        {
            rows.Add(response.File);
        }

        return rows;
    }
}
