using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Store;

namespace Groundwork.QboEmulator.Model;

/// <summary>One API operation against one company: the company, options from the URL, and batch visibility.</summary>
internal sealed class OpContext(Company company, DateTimeOffset now, string today)
{
    private readonly HashSet<string> hidden = new(StringComparer.Ordinal);

    public Company Company { get; } = company;

    public DateTimeOffset Now { get; } = now;

    /// <summary>Company-local date for TxnDate defaults.</summary>
    public string Today { get; } = today;

    /// <summary><c>include=allowduplicatedocnum</c>.</summary>
    public bool AllowDuplicateDocNumber { get; init; }

    /// <summary>In a batch, objects created by earlier items are invisible to later ones (Intuit blog 2017-07-27).</summary>
    public bool HideCreations { get; init; }

    /// <summary>A change made on the QuickBooks side (UI, seed), which may set what the API treats as read-only.</summary>
    public bool QuickBooksSide { get; init; }

    public void Created(string entity, string id)
    {
        if (HideCreations)
        {
            hidden.Add($"{entity}/{id}");
        }
    }

    /// <summary>Some record is hidden from this operation (a batch's earlier creations).</summary>
    public bool HidesAny => hidden.Count > 0;

    public JsonObject? Find(string entity, string id) =>
        hidden.Contains($"{entity}/{id}") ? null : Company.Get(entity, id);

    public IEnumerable<JsonObject> All(string entity) =>
        hidden.Count == 0 ? Company.All(entity) : Company.All(entity).Where(d => !hidden.Contains($"{entity}/{(string)d["Id"]!}"));

    public JsonObject Preferences => Company.Get("Preferences", "1")!;

    public bool IsUs => (Company.All("CompanyInfo").FirstOrDefault()?.Str("Country") ?? "US") == "US";

    public bool Pref(string group, string name) => Preferences.Obj(group)?.Bool(name) ?? false;
}
