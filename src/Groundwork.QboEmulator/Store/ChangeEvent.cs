namespace Groundwork.QboEmulator.Store;

/// <summary>A committed change, as webhooks report it. Operation is Create, Update, Delete, Void or Merge.</summary>
internal sealed record ChangeEvent(string RealmId, string Entity, string Id, string Operation, DateTimeOffset At);
