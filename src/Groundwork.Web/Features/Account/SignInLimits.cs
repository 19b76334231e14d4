using System.Globalization;
using System.Threading.RateLimiting;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;

namespace Groundwork.Web.Features.Account;

/// <summary>Sign-in attempts allowed per client address. Bound from the "SignIn" section.</summary>
public sealed class SignInLimitOptions
{
    /// <summary>Attempts (POSTs to the sign-in page or /api/v1/auth/login) per client address per window. Default: 10.</summary>
    public int PermitLimit { get; set; } = 10;
    /// <summary>Length of the window in seconds. Default: 60.</summary>
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// One rate limit for both sign-in paths, partitioned by client address (behind a proxy, the forwarded address). It is
/// deliberately not partitioned by email: a per-email limit would let anyone keep the Owner from signing in, which is
/// the lockout problem again.
/// </summary>
internal static class SignInLimits
{
    public const string Policy = "sign-in";

    public static WebApplicationBuilder AddSignInLimits(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("SignIn");
        builder.Services.Configure<SignInLimitOptions>(section);
        var limits = section.Get<SignInLimitOptions>() ?? new SignInLimitOptions();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
            o.AddPolicy(Policy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("read"));
        });
        return builder;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var http = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
        http.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
        var message = $"Too many sign-in attempts from this address; try again in {Math.Max(1, seconds)} seconds.";
        if (StatusPages.WantsHtml(http.Request))
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(StatusPages.Html("Too many sign-in attempts", message), ct);
            return;
        }
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many sign-in attempts",
                Detail = message,
            },
        });
    }
}
