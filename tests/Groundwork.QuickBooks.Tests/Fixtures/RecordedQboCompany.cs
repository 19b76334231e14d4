using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Groundwork.QuickBooks.Tests.Fixtures;

/// <summary>Company 9130 on a loopback server: each request answered with the recorded QBO interaction that fits it.</summary>
internal static class RecordedQboCompany
{
    public static readonly QboCompanyContext Company = new("9130", "access-token-1");

    public static string StartPosition(string query) => query.Split("STARTPOSITION ")[1].Split(' ')[0];

    public static Task AnswerAsync(ReceivedRequest request, int count, HttpResponse response)
    {
        var query = request.Query["query"].ToString();
        return (request.Method, request.Path.Replace("/qbo/v3/company/9130/", "", StringComparison.Ordinal)) switch
        {
            ("GET", "invoice/266") => RecordedQboServer.ReplayAsync(response, "create__invoice__0.json"),
            ("POST", "customer") => RecordedQboServer.ReplayAsync(response, "get__id__0.json"),
            ("POST", "invoice") when request.Query["operation"] == "delete" => RecordedQboServer.ReplayAsync(response, "delete__invoice__1.json"),
            ("POST", "invoice") when request.Query["operation"] == "void" => RecordedQboServer.ReplayAsync(response, "void__invoice__1.json"),
            ("GET", "query") when query.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal) => RecordedQboServer.ReplayAsync(response, "all__vendors_by_5__0.json"),
            ("GET", "query") when query.Contains("Active IN", StringComparison.Ordinal) => RecordedQboServer.ReplayAsync(response, "get__inactive_vendors__0.json"),
            ("GET", "query") => RecordedQboServer.ReplayAsync(response, $"all__vendors_by_5__{(int.Parse(StartPosition(query), CultureInfo.InvariantCulture) + 4) / 5}.json"),
            ("GET", "cdc") => RecordedQboServer.ReplayAsync(response, "cdc__basic__0.json"),
            ("POST", "batch") => RecordedQboServer.ReplayAsync(response, "batch__basic__0.json"),
            _ => RecordedQboServer.ReplayBodyAsync(response, 400, "item_read_item_error.json"),
        };
    }
}
