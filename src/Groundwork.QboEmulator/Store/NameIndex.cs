namespace Groundwork.QboEmulator.Store;

/// <summary>
/// Which record holds a name (normalised key → "Entity/Id"), so the 6240 check is a lookup rather than a scan of every
/// customer, vendor and employee. Built on first use per company and scope; kept current by the writes.
/// </summary>
internal sealed class NameIndex
{
    private readonly Dictionary<string, string> owners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> keys = new(StringComparer.Ordinal);

    public string? Owner(string key) => owners.GetValueOrDefault(key);

    public void Set(string record, string key)
    {
        Remove(record);
        owners[key] = record;
        keys[record] = key;
    }

    public void Remove(string record)
    {
        if (keys.Remove(record, out var old) && owners.GetValueOrDefault(old) == record)
        {
            owners.Remove(old);
        }
    }
}
