namespace Groundwork.QuickBooks.Tests.Fixtures;

/// <summary>Guards "every recorded response is parsed": a fixture file no test reads fails here.</summary>
public sealed class QboFixtureCatalogTests
{
    // Read by name in the OAuth, webhook and endpoint tests.
    private static readonly string[] ReadByName =
    [
        "intuit-dotnet-sdk-oauth2/discovery.json",
        "intuit-dotnet-sdk-oauth2/failure_token_response.json",
        "intuit-dotnet-sdk-oauth2/failure_token_revocation_response.json",
        "intuit-dotnet-sdk-oauth2/success_refreshtoken_response.json",
        "intuit-dotnet-sdk-oauth2/success_revoketoken_response.json",
        "intuit-dotnet-sdk-oauth2/success_token_response.json",
        "intuit-dotnet-sdk-oauth2/success_userinfo_response.json",
        "intuit-dotnet-sdk-webhooks/cloudevents_payload.json",
        "intuit-dotnet-sdk-webhooks/legacy_eventNotifications_payload.json",
        "intuit-dotnet-sdk-webhooks/signature_vector.json",
    ];

    // A JWKS key fragment: Groundwork identifies the user through userinfo and does not validate id_tokens itself.
    private static readonly string[] Unused = ["intuit-dotnet-sdk-oauth2/discovery_jwks.json"];

    [Fact]
    public void FixturesFolder_FromTheTestBinaries_IsFoundBesideTheRepository()
    {
        Assert.True(QboFixtures.Directory is not null, QboFixtures.MissingMessage);
    }

    [Fact]
    public void Catalog_EveryFixtureFile_IsReadByATestOrListedAsNotModelled()
    {
        Assert.True(QboFixtures.Directory is not null, QboFixtures.MissingMessage);
        var accounted = QboFixtureCatalog.ApiResponses().Select(r => r.File)
            .Concat(QboFixtureCatalog.NotModelled).Concat(ReadByName).Concat(Unused)
            .ToHashSet(StringComparer.Ordinal);

        var unaccounted = QboFixtureCatalog.AllFixtureFiles().Where(f => !accounted.Contains(f)).ToList();

        Assert.True(unaccounted.Count == 0, $"fixture files no test reads: {string.Join(", ", unaccounted)}");
        Assert.True(QboFixtureCatalog.ApiResponses().Count >= 60, "fewer recorded API responses than expected");
    }
}
