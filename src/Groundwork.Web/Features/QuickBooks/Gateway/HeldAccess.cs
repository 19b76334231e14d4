namespace Groundwork.Web.Features.QuickBooks.Gateway;

/// <summary>
/// The gateway's copy of the company's access token, so a QBO call costs no database read and no decryption. It is
/// kept only while the token is fresh (more than the refresh margin left) and for at most <see cref="Revalidate"/>, and
/// dropped when a use case changes the tokens (connect, reconnect, disconnect, remove). What nobody tells the grain about
/// (a refresh by a duplicate activation during a cluster change, an operator's edit) is seen at the next read of the row:
/// within <see cref="Revalidate"/>, or at once when QBO refuses the token (a 401 always reads the row before refreshing).
/// Not thread-safe: it lives inside a grain, whose turns never overlap.
/// </summary>
internal sealed class HeldAccess
{
    /// <summary>The longest a held token is used without reading the row again: one small query a minute per company.</summary>
    public static readonly TimeSpan Revalidate = TimeSpan.FromMinutes(1);

    private (QboAccess Access, DateTime ExpiresAtUtc, DateTime ReadAtUtc)? _held;

    /// <summary>
    /// Changes when the tokens are forgotten. A read or refresh that began under an older generation (it was in flight when
    /// a reconnect landed) must not put back what it found.
    /// </summary>
    public long Generation { get; private set; }

    /// <summary>The held token when it may be used at <paramref name="nowUtc"/> without a refresh due within <paramref name="refreshAhead"/>.</summary>
    public QboAccess? Get(DateTime nowUtc, TimeSpan refreshAhead) =>
        _held is { } held && held.ExpiresAtUtc > nowUtc + refreshAhead && nowUtc - held.ReadAtUtc < Revalidate
            ? held.Access
            : null;

    /// <summary>Holds what the row (or a refresh) just gave, read at <paramref name="readAtUtc"/>; an access that is not ready drops the held one.</summary>
    public void Keep(long generation, QboAccess access, DateTime? expiresAtUtc, DateTime readAtUtc)
    {
        if (generation != Generation) return;
        _held = access.IsReady && expiresAtUtc is { } expires ? (access, expires, readAtUtc) : null;
    }

    /// <summary>The held token is due or was refused: it goes, but what is in flight may still put a newer one back.</summary>
    public void Drop() => _held = null;

    public void Forget()
    {
        Generation++;
        _held = null;
    }
}
