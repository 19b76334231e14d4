namespace Groundwork.QuickBooks;

/// <summary>
/// Which company a call is for and the access token to use. Passed per call so the client holds no token
/// state: refreshing tokens is the company's gateway grain's job (single writer).
/// </summary>
public sealed record QboCompanyContext(string RealmId, string AccessToken)
{
    /// <summary>Keeps the token out of logs and exception messages.</summary>
    public override string ToString() => $"QboCompanyContext {{ RealmId = {RealmId} }}";
}

/// <summary>A successful QBO answer of any shape: lets code that handles answers generically (tracing) read Intuit's transaction id.</summary>
public interface IQboAnswer
{
    string? IntuitTid { get; }
}

/// <summary>A successful QBO answer with Intuit's transaction id, kept for the audit trail.</summary>
public sealed record QboResult<T>(T Value, string? IntuitTid, DateTimeOffset? ServerTime) : IQboAnswer;

/// <summary>One page of query results.</summary>
public sealed record QboQueryPage<T>(IReadOnlyList<T> Items, int? StartPosition, int? MaxResults, string? IntuitTid) : IQboAnswer;
