using Groundwork.QboEmulator.Admin;
using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.Limits;
using Groundwork.QboEmulator.Model;
using Groundwork.QboEmulator.OAuth;
using Groundwork.QboEmulator.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Groundwork.QboEmulator.Api;

/// <summary>
/// The gateway in front of <c>/v3/company/{realmId}/…</c>: injected faults, bearer token, realm, limits, body,
/// <c>requestid</c> replay, then the operation under the company's lock.
/// </summary>
internal sealed partial class ApiDispatcher(
    EmulatorStore store,
    TokenService tokens,
    CompanyLimiter limiter,
    FaultInjection faults,
    ApiRouter router,
    EmulatorClock clock,
    IOptions<QboEmulatorOptions> options,
    ILogger<ApiDispatcher> logger)
{
    public async Task HandleAsync(HttpContext http, string realmId, string path)
    {
        if (faults.TakeThrottle(realmId))
        {
            await WriteFaultAsync(http, Faults.Throttled());
            return;
        }

        var (check, grant) = tokens.CheckAccess(Bearer(http));
        if (check != AccessCheck.Valid)
        {
            var detail = check == AccessCheck.Expired ? $"Token expired: {Bearer(http)[^20..]}" : null;
            await ApiWriter.WriteGateway401Async(http, clock, detail);
            return;
        }

        if (grant!.RealmId != realmId || store.Find(realmId) is not { } company)
        {
            await WriteFaultAsync(http, Faults.WrongRealm());
            return;
        }

        var isBatch = path.Trim('/').Equals("batch", StringComparison.OrdinalIgnoreCase);
        using var lease = limiter.TryAcquire(realmId, isBatch);
        if (lease is null)
        {
            await WriteFaultAsync(http, Faults.Throttled());
            return;
        }

        // Injected latency is server time: it holds one of the company's 10 concurrent slots, as a slow QBO call would.
        var settings = faults.Get(realmId);
        var latency = settings.LatencyMs;
        if (latency > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(latency), clock.Real, http.RequestAborted);
        }

        if (faults.TakeFailure(realmId))
        {
            await WriteFaultAsync(http, Faults.SystemFailure(settings.ErrorStatus));
            return;
        }

        await ExecuteAsync(http, company, path);
    }

    private async Task ExecuteAsync(HttpContext http, Company company, string path)
    {
        StoredResponse response;
        ApiRequest? request = null;
        try
        {
            request = await ApiRequest.ReadAsync(http, path, options.Value.MaxRequestBodyBytes);
            response = Run(company, request);
        }
        catch (QboException fault)
        {
            response = Serialize(ApiOutcome.Fault(fault, clock));
        }

        if (request?.Method == "POST" && faults.TakeDrop(company.RealmId))
        {
            // The write is committed; the client never learns it (tests "uncertain outcome" handling).
            http.Abort();
            return;
        }

        await ApiWriter.WriteAsync(http, response.Status, response.Body);
    }

    private StoredResponse Run(Company company, ApiRequest request)
    {
        lock (company.Gate)
        {
            var requestId = request.Method == "POST" ? request.RequestId : null;
            var maxLength = request.Path.Trim('/').Equals("batch", StringComparison.OrdinalIgnoreCase) ? 36 : 50;
            if (requestId is not null && requestId.Length > maxLength)
            {
                // Intuit's text as reported in intuit/QuickBooks-V3-Java-SDK#180.
                return Serialize(ApiOutcome.Fault(Faults.Business(
                    $"You cannot enter more than {maxLength} characters in the request_id field. You tried entering {requestId[..10]}..., which is {requestId.Length} characters."), clock));
            }

            if (requestId is not null && company.Replays.TryGetValue(requestId, out var replay))
            {
                return replay;
            }

            StoredResponse response;
            try
            {
                var ctx = new OpContext(company, clock.UtcNow, clock.Today())
                {
                    AllowDuplicateDocNumber = request.Include.Contains("allowduplicatedocnum", StringComparison.Ordinal),
                };
                response = Serialize(router.Route(ctx, request));
            }
            catch (QboException fault)
            {
                response = Serialize(ApiOutcome.Fault(fault, clock));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // An emulator bug still answers like Intuit's SystemFault, and is not stored for replay.
                LogUnexpected(logger, e);
                return Serialize(ApiOutcome.Fault(new QboException(500, "SystemFault", new QboError("10000",
                    "An application error has occurred while processing your request", $"System Failure Error: {e.GetType().Name}")), clock));
            }

            if (requestId is not null)
            {
                store.SaveReplay(company, requestId, response);
            }

            return response;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error in the QBO emulator API")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);

    private static StoredResponse Serialize(ApiOutcome outcome) => new(outcome.Status, outcome.Body.ToJsonString(Json.Wire));

    private Task WriteFaultAsync(HttpContext http, QboException fault)
    {
        var outcome = ApiOutcome.Fault(fault, clock);
        return ApiWriter.WriteAsync(http, outcome.Status, outcome.Body.ToJsonString(Json.Wire));
    }

    private static string Bearer(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
    }
}
