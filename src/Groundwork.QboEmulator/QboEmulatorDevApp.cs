namespace Groundwork.QboEmulator;

/// <summary>
/// The development app every emulator knows when its settings name none: what an embedding app (Groundwork.Web)
/// configures its QBO client with. Local-only credentials, documented in the README, nothing secret.
/// </summary>
public static class QboEmulatorDevApp
{
    public const string ClientId = "groundwork-dev";
    public const string ClientSecret = "groundwork-dev-secret";
    public const string VerifierToken = "groundwork-dev-verifier-token";
}
