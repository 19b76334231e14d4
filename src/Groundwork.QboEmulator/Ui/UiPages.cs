using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Model;
using Groundwork.QboEmulator.OAuth;
using Groundwork.QboEmulator.Security;
using Groundwork.QboEmulator.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Groundwork.QboEmulator.Ui.Html;

namespace Groundwork.QboEmulator.Ui;

/// <summary>The pages of the QuickBooks side. Links are built from the mount prefix; all text is encoded.</summary>
internal sealed class UiPages(HttpContext http, string basePath)
{
    private readonly QboEmulatorUser? user = http.RequestServices.GetRequiredService<EmulatorSignIn>().Current(http);

    public HttpContext Http => http;

    public string Link(string relative) => $"{basePath}{relative}";

    /// <summary>Who is signed in (with Sign out), or a Sign in link.</summary>
    public string Account() => user is null
        ? $"<p class=\"muted\">Read only. <a href=\"{E(Link("/ui/signin"))}?returnUrl={E(Uri.EscapeDataString(http.Request.PathBase + http.Request.Path))}\">Sign in</a> to change anything.</p>"
        : $"<form class=\"inline muted\" method=\"post\" action=\"{E(Link("/ui/signout"))}\">{Antiforgery(http)}Signed in as {E(user.Email)}. <button>Sign out</button></form>";

    /// <summary>An action button; nothing for someone who is not signed in (the endpoint refuses them anyway).</summary>
    public string Form(string realm, string action, string fields, string button, string back) => user is null ? "" :
        $"<form class=\"inline\" method=\"post\" action=\"{E(Link($"/ui/{realm}/do/{action}"))}\">{Antiforgery(http)}" +
        $"<input type=\"hidden\" name=\"back\" value=\"{E(back)}\">{fields}<button>{E(button)}</button></form>";

    public static string Hidden(string name, string? value) => $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">";

    public static string Message(string? msg) => string.IsNullOrEmpty(msg) ? "" : $"<p class=\"muted\"><strong>{E(msg)}</strong></p>";

    public string Nav(Company c) => Account() +
        $"<p><a href=\"{E(Link("/ui"))}\">Companies</a> · <a href=\"{E(Link($"/ui/{c.RealmId}"))}\">{E(c.Name)}</a> · " +
        string.Join(" · ", new[] { "customers", "vendors", "items", "classes", "invoices", "bills", "payments" }
            .Select(l => $"<a href=\"{E(Link($"/ui/{c.RealmId}/{l}"))}\">{E(CultureInfo.InvariantCulture.TextInfo.ToTitleCase(l))}</a>")) + "</p>";

    public static string Table(string[] headers, IEnumerable<string[]> rows)
    {
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var h in headers)
        {
            html.Append("<th>").Append(E(h)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>").Append(string.Concat(row.Select(cell => $"<td>{cell}</td>"))).Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    public string Dashboard(Company c, List<Grant> connections, Admin.FaultSettings faults, string? msg) =>
        Settings(c, connections, msg) + FaultForm(c, faults);

    private string FaultForm(Company c, Admin.FaultSettings f)
    {
        var back = Link($"/ui/{c.RealmId}");
        string Field(string name, string label, object value) =>
            $"<label>{E(label)} <input name=\"{name}\" size=\"5\" value=\"{E(Convert.ToString(value, CultureInfo.InvariantCulture))}\"></label> ";
        return "<h2>Fault injection (API calls of this company)</h2>" + Form(c.RealmId, "faults",
                Field("latencyMs", "Latency ms", f.LatencyMs) + Field("errorRate", "Error rate 0–1", f.ErrorRate) + Field("errorStatus", "Error status", f.ErrorStatus)
                + Field("failNext", "Fail next", f.FailNext) + Field("throttleNext", "429 next", f.ThrottleNext) + Field("dropResponseNext", "Drop answer next", f.DropResponseNext),
                "Save", back)
            + " " + Form(c.RealmId, "expire-tokens", "", "Expire access tokens now", back);
    }

    private string Settings(Company c, List<Grant> connections, string? msg)
    {
        var prefs = c.Get("Preferences", "1")!;
        var accounting = prefs.Obj("AccountingInfoPrefs")!;
        var mode = accounting.Bool("ClassTrackingPerTxnLine") == true ? "line" : accounting.Bool("ClassTrackingPerTxn") == true ? "txn" : "off";
        var back = Link($"/ui/{c.RealmId}");
        var modes = string.Concat(new[] { ("off", "Off"), ("line", "One to each row in transaction"), ("txn", "One to entire transaction") }
            .Select(m => $"<label><input type=\"radio\" name=\"mode\" value=\"{m.Item1}\"{(m.Item1 == mode ? " checked" : "")}> {E(m.Item2)}</label> "));
        var custom = prefs.Obj("SalesFormsPrefs")?.Bool("CustomTxnNumbers") == true;
        var agencies = c.All("TaxAgency").Select(a => new[]
        {
            E(a.Str("DisplayName")), Form(c.RealmId, "remove-tax-agency", Hidden("id", a.Str("Id")), "Remove", back),
        });
        var apps = connections.Select(g => new[]
        {
            E(g.ClientId), E(g.UserEmail), E(g.ConnectedAt.ToString("u", CultureInfo.InvariantCulture)),
            Form(c.RealmId, "disconnect", Hidden("clientId", g.ClientId), "Disconnect", back),
        });
        return Nav(c) + Message(msg) +
            $"<h2>Class tracking</h2>{Form(c.RealmId, "class-tracking", modes, "Save", back)}" +
            $"<h2>Custom transaction numbers</h2><p>Currently {(custom ? "on" : "off")}. {Form(c.RealmId, "custom-numbers", Hidden("on", custom ? "false" : "true"), custom ? "Turn off" : "Turn on", back)}</p>" +
            $"<h2>Sales tax agencies</h2>{Table(["Agency", ""], agencies)}" +
            Form(c.RealmId, "add-tax-agency", "<input name=\"name\" required placeholder=\"Agency name\"> ", "Add tax agency", back) +
            $"<h2>Connected apps</h2>{Table(["App", "Connected by", "Since", ""], apps)}";
    }

    public static string Money(JsonObject doc, string field) => E((doc.Dec(field) ?? 0).ToString("0.00", CultureInfo.InvariantCulture));

    public static string Status(JsonObject doc) =>
        doc.Bool("__voided") == true ? "Voided" : (doc.Dec("Balance") ?? 0) == 0 ? "Paid" : (doc.Dec("Balance") ?? 0) < (doc.Dec("TotalAmt") ?? 0) ? "Partially paid" : "Open";
}
