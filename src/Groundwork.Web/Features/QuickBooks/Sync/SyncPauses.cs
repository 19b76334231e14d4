namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// Named points inside the push's transactions, right after they lock outbox rows, where a test can hold one transaction
/// while it runs another, to show the two are ordered (never deadlocked, never both holding one row). Nothing waits unless a
/// test sets <see cref="Reached"/>; a singleton.
/// </summary>
public sealed class SyncPauses
{
    /// <summary>A run being started has taken its waiting rows (SyncOutbox.AddRunAsync, each chunk), before it writes their states.</summary>
    public const string RunRowsTaken = "run-rows-taken";

    /// <summary>The drain has locked the rows of a record it pushed (PushOutcomes.FinishAsync), before it writes its state.</summary>
    public const string DrainRowsLocked = "drain-rows-locked";

    /// <summary>Called at each point with its name; the transaction waits for the task. Null (the default): no wait.</summary>
    public Func<string, CancellationToken, Task>? Reached { get; set; }

    internal Task AtAsync(string point, CancellationToken ct) => Reached?.Invoke(point, ct) ?? Task.CompletedTask;
}
