using System.Net.Http.Json;
using System.Text.Json;
using Groundwork.QboEmulator;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>A bookkeeper working in QuickBooks (the emulator) beside Groundwork: writes through QBO's own API.</summary>
public sealed record QuickBooksSide(QboClient Client, QboCompanyContext Company)
{
    public async Task<T> CreateAsync<T>(T entity) where T : QboEntity, IQboEntity<T> =>
        (await Client.CreateAsync(Company, entity, Guid.NewGuid().ToString("N"), CancellationToken.None)).Value;

    public async Task<T> UpdateAsync<T>(T entity) where T : QboEntity, IQboEntity<T> =>
        (await Client.SparseUpdateAsync(Company, entity, Guid.NewGuid().ToString("N"), CancellationToken.None)).Value;

    /// <summary>Makes a name list record inactive, as QBO's "Make inactive" does (QBO renames it "… (deleted)").</summary>
    public async Task<T> DeactivateAsync<T>(T entity) where T : QboEntity, IQboEntity<T>
    {
        var inactive = JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(new { entity.Id, entity.SyncToken, sparse = true, Active = false }))!;
        return await UpdateAsync(inactive);
    }
}

public static class QboEmulatorData
{
    /// <summary>
    /// A new seeded company in the emulator ("builder": tax agency, classes per line, customers incl. an inactive one;
    /// "plain": no agency, class tracking off), so a test that changes QBO data shares it with no other test.
    /// </summary>
    public static async Task<string> NewCompanyAsync(this QboAppFactory app, string template = "builder")
    {
        var response = await app.CreateEmulatorAdminClient().PostAsJsonAsync("/qbo/admin/api/companies", new { template });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("realmId").GetString()!;
    }

    /// <summary>QBO's API for the company, with a token minted for the emulator's development app (as Intuit's OAuth Playground would).</summary>
    public static async Task<QuickBooksSide> QuickBooksAsync(this QboAppFactory app, string realm)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = QboEmulatorDevApp.ClientId, ["client_secret"] = QboEmulatorDevApp.ClientSecret, ["realmId"] = realm,
        });
        var response = await app.CreateEmulatorAdminClient().PostAsync("/qbo/admin/api/tokens", form);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        return new QuickBooksSide(app.Services.GetRequiredService<QboClient>(), new QboCompanyContext(realm, token));
    }
}
