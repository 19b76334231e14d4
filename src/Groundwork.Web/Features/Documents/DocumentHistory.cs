using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Groundwork.Web.Features.Documents;

/// <summary>Appends a status change to a document's history, stamped with the clock and the acting user.</summary>
public sealed class DocumentHistory(AppClock clock, IHttpContextAccessor accessor)
{
    public void Record(Document document, DocumentStatus? from, DocumentStatus to, string? note)
    {
        document.StatusChanges.Add(new DocumentStatusChange
        {
            From = from,
            To = to,
            AtUtc = clock.GetUtcNow().UtcDateTime,
            ByUser = accessor.HttpContext?.User.Identity?.Name,
            Note = note,
        });
    }

    public void Move(Document document, DocumentStatus to, string? note)
    {
        if (document.Status == to) return;
        Record(document, document.Status, to, note);
        document.Status = to;
    }
}
