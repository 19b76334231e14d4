namespace Groundwork.QboEmulator.Store;

/// <summary>One row to upsert (or delete when <see cref="Json"/> is null) in the emulator's SQLite file.</summary>
internal sealed record PersistOp(string Realm, string Kind, string Key, string? Json);

/// <summary>A row loaded at start-up.</summary>
internal sealed record PersistedRow(string Realm, string Kind, string Key, string Json);
