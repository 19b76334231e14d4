using Groundwork.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Infrastructure;

internal static class Health
{
    /// <summary>GET /health: the database answers and a grain activates on the silo.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/health", async (GroundworkDbContext db, IGrainFactory grains, CancellationToken ct) =>
        {
            var database = await db.Database.CanConnectAsync(ct);
            var silo = await grains.GetGrain<IPingGrain>("health").PingAsync();
            return database ? Results.Ok(new { status = "ok", database = db.Database.ProviderName, silo }) : Results.StatusCode(503);
        }).AllowAnonymous();
        return app;
    }
}
