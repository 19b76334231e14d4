using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Groundwork.QboEmulator.Store;

/// <summary>All companies, loaded from SQLite (or seeded) on first use; writes go to memory and then to the write-behind queue.</summary>
internal sealed class EmulatorStore(
    SqlitePersistence persistence,
    EmulatorClock clock,
    IOptions<QboEmulatorOptions> options,
    IServiceProvider services)
{
    private const string CompanyKind = "_Company";
    private const string TombstoneKind = "_Tombstone";
    private readonly ConcurrentDictionary<string, Company> companies = new(StringComparer.Ordinal);
    private readonly Lock loadGate = new();
    private volatile bool loaded;

    /// <summary>Raised after every committed entity change (webhooks listen).</summary>
    public event Action<ChangeEvent>? Changed;

    public EmulatorClock Clock => clock;

    public IReadOnlyCollection<Company> Companies
    {
        get
        {
            EnsureLoaded();
            return [.. companies.Values.OrderBy(c => c.RealmId, StringComparer.Ordinal)];
        }
    }

    public Company? Find(string realmId)
    {
        EnsureLoaded();
        return companies.GetValueOrDefault(realmId);
    }

    public Company AddCompany(string realmId, string name)
    {
        var company = new Company(realmId, name);
        companies[realmId] = company;
        SaveCompany(company);
        return company;
    }

    /// <summary>Stores a document the caller already stamped (Id, SyncToken, MetaData) and tells listeners.</summary>
    public void Commit(Company company, string entity, JsonObject doc, string? operation)
    {
        company.Put(entity, doc);
        persistence.Enqueue(new PersistOp(company.RealmId, entity, (string)doc["Id"]!, doc.ToJsonString()));
        SaveCompany(company);
        if (operation is not null)
        {
            Changed?.Invoke(new ChangeEvent(company.RealmId, entity, (string)doc["Id"]!, operation, clock.UtcNow));
        }
    }

    public void Delete(Company company, string entity, string id)
    {
        company.Remove(entity, id);
        var tomb = new Tombstone(entity, id, clock.UtcNow);
        company.Tombstones.Add(tomb);
        persistence.Enqueue(new PersistOp(company.RealmId, entity, id, null));
        persistence.Enqueue(new PersistOp(company.RealmId, TombstoneKind, $"{entity}/{id}",
            new JsonObject { ["Entity"] = entity, ["Id"] = id, ["At"] = tomb.DeletedAt.ToString("O", CultureInfo.InvariantCulture) }.ToJsonString()));
        Changed?.Invoke(new ChangeEvent(company.RealmId, entity, id, "Delete", tomb.DeletedAt));
    }

    public void SaveReplay(Company company, string requestId, StoredResponse response)
    {
        company.Replays[requestId] = response;
        persistence.Enqueue(new PersistOp(company.RealmId, "_Replay", requestId,
            new JsonObject { ["Status"] = response.Status, ["Body"] = response.Body }.ToJsonString()));
    }

    private void SaveCompany(Company company) =>
        persistence.Enqueue(new PersistOp(company.RealmId, CompanyKind, company.RealmId,
            new JsonObject { ["Name"] = company.Name, ["Sequences"] = new JsonObject(company.Sequences.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))) }.ToJsonString()));

    private void EnsureLoaded()
    {
        if (loaded)
        {
            return;
        }

        lock (loadGate)
        {
            if (loaded)
            {
                return;
            }

            Load();
            if (companies.IsEmpty && options.Value.Seed)
            {
                services.GetRequiredService<Seed.Seeder>().SeedAll(this);
            }

            loaded = true;
        }
    }

    private void Load()
    {
        var rows = persistence.LoadAll();
        foreach (var row in rows.Where(r => r.Kind == CompanyKind))
        {
            var meta = JsonNode.Parse(row.Json)!.AsObject();
            var company = new Company(row.Realm, (string)meta["Name"]!);
            foreach (var (key, value) in meta["Sequences"]!.AsObject())
            {
                company.Sequences[key] = (long)value!;
            }

            companies[row.Realm] = company;
        }

        foreach (var row in rows.Where(r => r.Kind != CompanyKind && companies.ContainsKey(r.Realm)))
        {
            var company = companies[row.Realm];
            var node = JsonNode.Parse(row.Json)!.AsObject();
            switch (row.Kind)
            {
                case TombstoneKind:
                    company.Tombstones.Add(new Tombstone((string)node["Entity"]!, (string)node["Id"]!,
                        DateTimeOffset.Parse((string)node["At"]!, CultureInfo.InvariantCulture)));
                    break;
                case "_Replay":
                    company.Replays[row.Key] = new StoredResponse((int)node["Status"]!, (string)node["Body"]!);
                    break;
                default:
                    if (!row.Kind.StartsWith('_'))
                    {
                        company.Put(row.Kind, node);
                    }

                    break;
            }
        }
    }
}
