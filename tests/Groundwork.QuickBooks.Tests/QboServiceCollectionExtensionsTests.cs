using Groundwork.QuickBooks.OAuth;
using Groundwork.QuickBooks.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Groundwork.QuickBooks.Tests;

public sealed class QboServiceCollectionExtensionsTests
{
    [Fact]
    public void AddQuickBooksClient_Configuration_BindsOptionsAndResolvesClients()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QuickBooks:Environment"] = "Custom",
            ["QuickBooks:BaseUrl"] = "http://127.0.0.1:5000/qbo/",
            ["QuickBooks:ClientId"] = "id",
            ["QuickBooks:WebhookVerifierToken"] = "verifier",
        }).Build();
        using var services = new ServiceCollection().AddQuickBooksClient(configuration.GetSection(QboClientOptions.SectionName)).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<QboClientOptions>>().Value;

        Assert.Equal(QboEnvironment.Custom, options.Environment);
        Assert.Equal("http://127.0.0.1:5000/qbo/oauth2/v1/tokens/bearer", options.ResolveEndpoints().TokenUrl.AbsoluteUri);
        Assert.Equal(75, options.MinorVersion);
        Assert.NotNull(services.GetRequiredService<QboClient>());
        Assert.NotNull(services.GetRequiredService<QboOAuthClient>());
        Assert.True(services.GetRequiredService<QboWebhookVerifier>().Verify("{}"u8, Sign("{}", "verifier")));
    }

    [Theory]
    [InlineData("Custom", null, "75", "00:01:30", "BaseUrl")]
    [InlineData("Production", null, "74", "00:01:30", "MinorVersion")]
    [InlineData("Production", null, "75", "00:02:00", "AttemptTimeout")]
    public void AddQuickBooksClient_InvalidSetting_FailsValidationNamingIt(
        string environment, string? baseUrl, string minorVersion, string attemptTimeout, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Environment"] = environment,
            ["BaseUrl"] = baseUrl,
            ["MinorVersion"] = minorVersion,
            ["AttemptTimeout"] = attemptTimeout,
        }).Build();
        using var services = new ServiceCollection().AddQuickBooksClient(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<QboClientOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddQuickBooksClient_DefaultOptions_AreValid()
    {
        using var services = new ServiceCollection().AddQuickBooksClient(_ => { }).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<QboClientOptions>>().Value;

        Assert.Equal(QboEndpoints.Production, options.ResolveEndpoints());
        Assert.True(options.AttemptTimeout < TimeSpan.FromSeconds(120));
    }

    private static string Sign(string body, string key) => Convert.ToBase64String(
        System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes(body)));
}
