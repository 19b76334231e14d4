using Groundwork.QboEmulator.Tests.Support;
using Microsoft.Extensions.Options;

namespace Groundwork.QboEmulator.Tests.Options;

public sealed class OptionsTests
{
    [Fact]
    public async Task InvalidOptions_HostFailsAtStartWithTheSettingNamed()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestEmulator.StartAsync(o => o.TimeScale = 0));

        Assert.Contains("TimeScale", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevAppWebhookUrl_GivenToTheDefaultApp()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.DevAppWebhookUrl = "http://localhost:5000/integrations/quickbooks/webhooks");

        var options = (IOptions<QboEmulatorOptions>)emulator.Services.GetService(typeof(IOptions<QboEmulatorOptions>))!;

        Assert.Equal("http://localhost:5000/integrations/quickbooks/webhooks", Assert.Single(options.Value.ClientApps).WebhookUrl);
    }

    [Fact]
    public async Task NoAppsOrUsersConfigured_DevAppAndDemoUserAdded()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var options = ((IServiceProvider)emulator.Services).GetService(typeof(IOptions<QboEmulatorOptions>)) as IOptions<QboEmulatorOptions>;

        Assert.Equal("groundwork-dev", Assert.Single(options!.Value.ClientApps).ClientId);
        Assert.Equal("bookkeeper@example.com", Assert.Single(options.Value.Users).Email);
    }
}
