using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Groundwork.Web.Features.Documents;

/// <summary>Appends a status change to a document's history, stamped with the clock and the acting user.</summary>
public sealed class DocumentHistory(AppClock clock, IHttpContextAccessor accessor)
{
    /// <summary>The actor of changes that came from QuickBooks (a payment, void or delete made there), not from a user.</summary>
    public const string QuickBooks = "QuickBooks";

    /// <param name="actor">Who made the change when it is not the signed-in user (<see cref="QuickBooks"/>).</param>
    public void Record(Document document, DocumentStatus? from, DocumentStatus to, string? note, string? actor = null)
    {
        document.StatusChanges.Add(new DocumentStatusChange
        {
            From = from,
            To = to,
            AtUtc = clock.GetUtcNow().UtcDateTime,
            ByUser = actor ?? accessor.HttpContext?.User.Identity?.Name,
            Note = note,
        });
    }

    public void Move(Document document, DocumentStatus to, string? note, string? actor = null)
    {
        if (document.Status == to) return;
        Record(document, document.Status, to, note, actor);
        document.Status = to;
    }
}
