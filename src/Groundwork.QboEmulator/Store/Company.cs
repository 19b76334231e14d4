using System.Globalization;
using System.Text.Json.Nodes;

namespace Groundwork.QboEmulator.Store;

/// <summary>A deleted transaction as CDC reports it.</summary>
internal sealed record Tombstone(string Entity, string Id, DateTimeOffset DeletedAt);

/// <summary>A stored answer replayed for a repeated <c>requestid</c>.</summary>
internal sealed record StoredResponse(int Status, string Body);

/// <summary>
/// One QBO company (realm): its documents, id sequence, tombstones and request-id replays.
/// Every read and write of a company happens under <see cref="Gate"/>; the work inside is in-memory and short.
/// </summary>
internal sealed class Company(string realmId, string name)
{
    private readonly Dictionary<string, Dictionary<string, JsonObject>> entities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DocNumberIndex> docNumbers = new(StringComparer.Ordinal);

    public string RealmId { get; } = realmId;

    public string Name { get; set; } = name;

    public Lock Gate { get; } = new();

    /// <summary>QBO numbers names (Customer/Vendor/Employee) in one sequence, transactions in another, each list in its own.</summary>
    public Dictionary<string, long> Sequences { get; } = new(StringComparer.Ordinal);

    public List<Tombstone> Tombstones { get; } = [];

    public Dictionary<string, StoredResponse> Replays { get; } = new(StringComparer.Ordinal);

    /// <summary>Name indexes per scope ("Names" for Customer/Vendor/Employee, else the list's entity name).</summary>
    public Dictionary<string, NameIndex> NameIndexes { get; } = new(StringComparer.Ordinal);

    public string AllocateId(string sequence)
    {
        var next = Sequences.GetValueOrDefault(sequence, 1);
        Sequences[sequence] = next + 1;
        return next.ToString(CultureInfo.InvariantCulture);
    }

    public IEnumerable<JsonObject> All(string entity) =>
        entities.TryGetValue(entity, out var set) ? set.Values : [];

    public int Count(string entity) => entities.TryGetValue(entity, out var set) ? set.Count : 0;

    public JsonObject? Get(string entity, string id) =>
        entities.TryGetValue(entity, out var set) && set.TryGetValue(id, out var doc) ? doc : null;

    public void Put(string entity, JsonObject doc)
    {
        if (!entities.TryGetValue(entity, out var set))
        {
            set = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            entities[entity] = set;
        }

        var id = (string)doc["Id"]!;
        set[id] = doc;
        DocNumbers(entity).Set(id, doc);
    }

    public bool Remove(string entity, string id)
    {
        DocNumbers(entity).Remove(id);
        return entities.TryGetValue(entity, out var set) && set.Remove(id);
    }

    /// <summary>The entity's DocNumber index (empty for entities without one).</summary>
    public DocNumberIndex DocNumbers(string entity)
    {
        if (!docNumbers.TryGetValue(entity, out var index))
        {
            index = new DocNumberIndex();
            docNumbers[entity] = index;
        }

        return index;
    }

    public IEnumerable<string> EntityNames => entities.Keys;
}
