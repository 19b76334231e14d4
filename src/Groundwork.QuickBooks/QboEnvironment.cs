namespace Groundwork.QuickBooks;

/// <summary>Which QuickBooks Online the client talks to.</summary>
public enum QboEnvironment
{
    /// <summary>Intuit production.</summary>
    Production,

    /// <summary>Intuit's developer sandbox companies.</summary>
    Sandbox,

    /// <summary>Anything else under one base URL with Intuit's paths, such as the local emulator.</summary>
    Custom,
}
