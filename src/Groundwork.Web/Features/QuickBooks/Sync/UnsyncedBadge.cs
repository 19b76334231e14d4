namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// The count of Unsynced Records shown in the navigation and on the QuickBooks tabs: one COUNT query per request however
/// many places show it (scoped, so it is counted once and never carried into another request).
/// </summary>
public sealed class UnsyncedBadge(UnsyncedRecords records)
{
    private Task<int>? _count;

    public Task<int> CountAsync(CancellationToken ct) => _count ??= records.CountAsync(ct);
}
