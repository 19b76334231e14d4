using System.Globalization;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;

namespace Groundwork.QboEmulator.Model;

/// <summary>System fields QBO sets on every write: Id, SyncToken (a string, +1 per change), MetaData, domain, sparse.</summary>
internal static class Stamp
{
    public static void Create(JsonObject doc, string id, DateTimeOffset now)
    {
        doc["domain"] = "QBO";
        doc["sparse"] = false;
        doc["Id"] = id;
        doc["SyncToken"] = "0";
        var time = EmulatorClock.MetaTime(now);
        doc["MetaData"] = new JsonObject { ["CreateTime"] = time, ["LastUpdatedTime"] = time };
        doc["__updated"] = now.ToUnixTimeMilliseconds();
    }

    public static void Update(JsonObject doc, DateTimeOffset now)
    {
        var token = long.Parse(doc.Str("SyncToken") ?? "0", CultureInfo.InvariantCulture) + 1;
        doc["SyncToken"] = token.ToString(CultureInfo.InvariantCulture);
        doc["domain"] = "QBO";
        doc["sparse"] = false;
        var meta = doc.Obj("MetaData") ?? new JsonObject();
        meta["LastUpdatedTime"] = EmulatorClock.MetaTime(now);
        doc["MetaData"] = meta;
        doc["__updated"] = now.ToUnixTimeMilliseconds();
    }

    public static DateTimeOffset Updated(JsonObject doc) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(doc.Dec("__updated") ?? 0));
}
