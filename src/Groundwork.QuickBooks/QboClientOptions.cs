namespace Groundwork.QuickBooks;

/// <summary>Where the QBO client talks to. Intuit, the Intuit sandbox and the emulator differ only by these URLs.</summary>
public sealed class QboClientOptions
{
    /// <summary>Accounting API base URL. Default: Intuit production.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://quickbooks.api.intuit.com/");
}
